fn main() {
    koers::components::crash_notice::install();
    // Before the first render: what was typed on the HTML's first screen goes to the
    // sign-in page (`browser::take_boot_form`).
    koers::browser::replace_boot_screen();
    leptos::mount::mount_to_body(koers::app::App);
}
