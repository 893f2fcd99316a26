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

/// Awaits `future` and says whether it had to wait: a chunk's loader is ready at its first
/// poll when the chunk is in already (preloaded), and pending while it is fetched and
/// compiled. The routes draw a freshly compiled page in a task of its own, and one that was
/// in at once (issue #19).
pub async fn waited<F: std::future::Future>(future: F) -> (F::Output, bool) {
    let mut future = std::pin::pin!(future);
    let mut polls = 0u32;
    let output = std::future::poll_fn(|cx| {
        polls += 1;
        future.as_mut().poll(cx)
    })
    .await;
    (output, polls > 1)
}

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

#[cfg(test)]
mod tests {
    use super::waited;
    use std::{
        future::{ready, Future},
        pin::pin,
        task::{Context, Poll, Waker},
    };

    /// Pending `n` times (waking itself), then ready.
    fn pending_times(mut n: u32) -> impl Future<Output = &'static str> {
        std::future::poll_fn(move |cx| {
            if n == 0 {
                return Poll::Ready("in");
            }
            n -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        })
    }

    fn run<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    #[test]
    fn ready_at_once_did_not_wait() {
        assert_eq!(run(waited(ready(7))), (7, false));
    }

    #[test]
    fn pending_first_waited() {
        assert_eq!(run(waited(pending_times(1))), ("in", true));
        assert_eq!(run(waited(pending_times(3))), ("in", true));
    }
}
