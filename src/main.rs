fn main() {
    koers::components::crash_notice::install();
    leptos::mount::mount_to_body(koers::app::App);
}
