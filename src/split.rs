//! Lazy wasm chunks that fail softly.
//!
//! Leptos's `#[lazy]` ends the whole app when a chunk cannot be fetched (its loader
//! panics, and a panic aborts the wasm). That happens to a participant who goes offline
//! before the service worker has stored every chunk, or on a connection that gives up
//! halfway. [`split!`] makes the same wasm-split split point with its `fallible` option:
//! the function returns `Err(ChunkUnavailable)` instead, the caller shows its usual
//! "no internet" error with a retry, and a later call fetches the chunk again.

/// A part of the app (a wasm chunk) could not be fetched: no connection, and not stored
/// on this phone yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkUnavailable;

#[cfg(koers_split)]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        // The loader has logged why to the console.
        ChunkUnavailable
    }
}

/// An `async fn` whose body is a wasm chunk of its own in the split release build (and a
/// plain function in the tests), returning `Result<T, ChunkUnavailable>` for its `T`.
/// `preload` names the function that fetches the chunk without calling it.
///
/// ```ignore
/// split! {
///     preload __preload_settings_page;
///     /// The settings page.
///     pub async fn settings_page() -> AnyView { view! { <SettingsPage /> }.into_any() }
/// }
/// ```
#[macro_export]
macro_rules! split {
    (
        preload $preload:ident;
        $(#[$meta:meta])*
        $vis:vis async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    ) => {
        #[cfg(koers_split)]
        $(#[$meta])*
        #[::leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] #[allow(dead_code)] $preload),
            fallible,
            return_wrapper(
                let future = _;
                { future.await }
                -> ::core::result::Result<$ret, $crate::split::ChunkUnavailable>
            ),
        )]
        $vis fn $name($($arg: $ty),*) -> ::core::pin::Pin<::std::boxed::Box<
            dyn ::core::future::Future<
                Output = ::core::result::Result<$ret, $crate::split::ChunkUnavailable>,
            > + ::core::marker::Send + ::core::marker::Sync,
        >> {
            // The page futures hold browser objects; the app runs on one thread, and
            // `Suspend` asks for `Send`.
            ::std::boxed::Box::pin(::send_wrapper::SendWrapper::new(async move {
                ::core::result::Result::Ok(async move $body.await)
            }))
        }

        #[cfg(not(koers_split))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*)
            -> ::core::result::Result<$ret, $crate::split::ChunkUnavailable>
        {
            ::core::result::Result::Ok(async move $body.await)
        }
    };
}
