//! The app's start in slices: hydration builds the page in one task, and the effects and tasks it
//! spawns (storage reads, the service worker, listeners, the theme) start afterwards in tasks of
//! about 10 ms each, so that no single long task blocks the reader's first tap (Lighthouse's total
//! blocking time counts every task over 50 ms; ARCHITECTURE.md, "Starting up"). Once they have
//! all started the app is marked ready (`<html data-hydrated="true">`), and from then on
//! everything spawned starts at once, as with Leptos's own executor.

use std::collections::VecDeque;

/// What waits to start while the app starts up, in the order it was spawned.
#[derive(Debug)]
pub struct Queue<T> {
    waiting: VecDeque<T>,
    started: bool,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            waiting: VecDeque::new(),
            started: false,
        }
    }
}

impl<T> Queue<T> {
    /// A new task: handed back to start at once after start-up, else kept for later.
    pub fn spawn(&mut self, task: T) -> Option<T> {
        if self.started {
            return Some(task);
        }
        self.waiting.push_back(task);
        None
    }

    /// The next task to start, in its own slice; `None` when all have started, which ends the
    /// start-up (tasks spawned by the ones started are queued behind them until then).
    pub fn take_next(&mut self) -> Option<T> {
        let next = self.waiting.pop_front();
        if next.is_none() {
            self.started = true;
        }
        next
    }
}

#[cfg(feature = "hydrate")]
mod executor {
    use super::Queue;
    use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static QUEUE: RefCell<Queue<PinnedLocalFuture<()>>> = RefCell::new(Queue::default());
    }

    struct Sliced;

    impl CustomExecutor for Sliced {
        // wasm has one thread: as Leptos's wasm-bindgen executor, everything is local.
        fn spawn(&self, fut: PinnedFuture<()>) {
            self.spawn_local(fut);
        }

        fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
            if let Some(fut) = QUEUE.with(|q| q.borrow_mut().spawn(fut)) {
                wasm_bindgen_futures::spawn_local(fut);
            }
        }

        fn poll_local(&self) {}
    }

    /// Installs the executor; before `leptos::mount::hydrate_body`, whose own is then ignored.
    pub fn install() {
        _ = Executor::init_local_custom_executor(Sliced);
    }

    /// Runs `f` in a task of its own: a message to itself, which (unlike `setTimeout`) is not
    /// held back 4 ms once nested.
    pub fn in_new_task(f: impl FnOnce() + 'static) {
        let channel = web_sys::MessageChannel::new().expect("MessageChannel");
        let port = channel.port1();
        let run = Closure::once_into_js(move || {
            port.set_onmessage(None);
            f();
        });
        channel.port1().set_onmessage(Some(run.unchecked_ref()));
        _ = channel.port2().post_message(&JsValue::NULL);
    }

    /// How long one task goes on starting what waits, in ms of the page's clock. Lighthouse
    /// simulates a phone by counting the machine's tasks four times as long, and counts what a
    /// task takes over 50 ms: 10 ms stays under that (one long effect may still overrun it, as
    /// it would alone). A task per effect instead cost about 0.1 s more with the CPU slowed 4×
    /// (ARCHITECTURE.md, "Starting up").
    const SLICE_MS: f64 = 10.0;

    /// Starts what hydration spawned, from the next task on, as many per task as fit in
    /// [`SLICE_MS`], then calls `ready`.
    pub fn run(ready: impl FnOnce() + 'static) {
        in_new_task(move || slice(ready));
    }

    fn slice(ready: impl FnOnce() + 'static) {
        let until = js_sys::Date::now() + SLICE_MS;
        wasm_bindgen_futures::spawn_local(async move {
            while let Some(fut) = QUEUE.with(|q| q.borrow_mut().take_next()) {
                // Polled in this task's microtasks, before this loop goes on.
                wasm_bindgen_futures::spawn_local(fut);
                let next = js_sys::Promise::resolve(&JsValue::UNDEFINED);
                _ = wasm_bindgen_futures::JsFuture::from(next).await;
                if js_sys::Date::now() >= until {
                    in_new_task(move || slice(ready));
                    return;
                }
            }
            ready();
        });
    }
}

#[cfg(feature = "hydrate")]
pub use executor::{in_new_task, install, run};

#[cfg(test)]
mod tests {
    use super::Queue;

    #[test]
    fn tasks_wait_in_order_until_start_up_ends_then_start_at_once() {
        let mut q = Queue::default();
        assert_eq!(q.spawn(1), None);
        assert_eq!(q.spawn(2), None);
        assert_eq!(q.take_next(), Some(1));
        // Spawned by a task that started: behind the others, still before start-up ends.
        assert_eq!(q.spawn(3), None);
        assert_eq!(q.take_next(), Some(2));
        assert_eq!(q.take_next(), Some(3));
        assert_eq!(q.take_next(), None);
        assert_eq!(q.spawn(4), Some(4), "after start-up, at once");
        assert_eq!(q.take_next(), None);
    }
}
