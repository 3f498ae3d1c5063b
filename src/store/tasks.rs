//! The walk's shared list of tasks: threads take tasks and may add more, and the work
//! is over when no task is waiting and no thread is at one (which could add more).

use std::sync::{Condvar, Mutex, MutexGuard};

/// The tasks not yet taken, shared by the walk's threads.
pub struct Tasks<T> {
    state: Mutex<TasksState<T>>,
    changed: Condvar,
}

struct TasksState<T> {
    waiting: Vec<T>,
    running: usize,
}

impl<T> Tasks<T> {
    pub fn new(first: T) -> Tasks<T> {
        Tasks {
            state: Mutex::new(TasksState {
                waiting: vec![first],
                running: 0,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, TasksState<T>> {
        // A thread that panicked left the list itself whole: carry on with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn add(&self, task: T) {
        self.lock().waiting.push(task);
        self.changed.notify_one();
    }

    /// The next task, waiting while other threads may still add some; `None` when the
    /// walk is over. The newest task comes first, so a thread goes deep before wide
    /// and the list stays short.
    pub fn next(&self) -> Option<Taken<'_, T>> {
        let mut state = self.lock();
        loop {
            if let Some(task) = state.waiting.pop() {
                state.running += 1;
                return Some(Taken {
                    tasks: self,
                    task: Some(task),
                });
            }
            if state.running == 0 {
                return None;
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

/// A task taken from [`Tasks::next`]: [`Taken::take`] gives the task, and dropping
/// this marks it done, even in a panic.
pub struct Taken<'a, T> {
    tasks: &'a Tasks<T>,
    task: Option<T>,
}

impl<T> Taken<'_, T> {
    pub fn take(&mut self) -> T {
        self.task.take().expect("a task is taken once")
    }
}

impl<T> Drop for Taken<'_, T> {
    fn drop(&mut self) {
        let mut state = self.tasks.lock();
        state.running -= 1;
        if state.running == 0 && state.waiting.is_empty() {
            self.tasks.changed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn tasks_added_while_working_are_all_done_and_then_every_thread_stops() {
        // Each task n > 0 adds task n - 1 twice: 2^(depth + 1) - 1 tasks in all.
        let depth = 10;
        let tasks = Tasks::new(depth);
        let done = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    while let Some(mut taken) = tasks.next() {
                        let n = taken.take();
                        if n > 0 {
                            tasks.add(n - 1);
                            tasks.add(n - 1);
                        }
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                });
            }
        });
        assert_eq!(done.into_inner(), (1 << (depth + 1)) - 1);
    }
}
