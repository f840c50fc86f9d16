//! Progress bars on stderr for long work: one bar per stage, shown only when stderr is a
//! terminal and `--quiet` is not given (so piped or scripted runs stay silent).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Set by a command's `--quiet`: no bar at all in this process (also none for reading).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Hides every bar of this process from now on.
pub fn set_quiet() {
    QUIET.store(true, Ordering::Relaxed);
}

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Bars of a piece of work with stages (`prime implicants`, `PI chart`, `truth table`, ...):
/// a stage's bar appears when the stage reports first and is finished when the next starts.
/// Usable from a `Fn + Sync` callback (the library's progress hooks, rayon workers).
pub struct Bars {
    multi: MultiProgress,
    style: ProgressStyle,
    label: String,
    current: Mutex<Option<(String, ProgressBar)>>,
}

impl Bars {
    /// Bars labelled `label` (e.g. the file worked on); hidden when `quiet` or not a terminal.
    pub fn new(label: &str, quiet: bool) -> Bars {
        let target = if quiet || QUIET.load(Ordering::Relaxed) || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let style =
            ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} ({eta}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        Bars {
            multi: MultiProgress::with_draw_target(target),
            style,
            label: label.to_string(),
            current: Mutex::new(None),
        }
    }

    /// `done` of `total` steps of `stage`.
    pub fn update(&self, stage: &str, done: u64, total: u64) {
        let Ok(mut cur) = self.current.lock() else {
            return;
        };
        if cur.as_ref().is_none_or(|(s, _)| s != stage) {
            if let Some((_, pb)) = cur.take() {
                pb.finish_and_clear();
            }
            let pb = self.multi.add(ProgressBar::new(total));
            pb.set_style(self.style.clone());
            pb.set_prefix(stage.to_string());
            pb.set_message(self.label.clone());
            *cur = Some((stage.to_string(), pb));
        }
        if let Some((_, pb)) = cur.as_ref() {
            pb.set_length(total);
            pb.set_position(done);
        }
    }

    /// One more step of `stage` (for work counted by its callers, e.g. a grid).
    pub fn tick(&self, stage: &str, total: u64) {
        if let Ok(cur) = self.current.lock() {
            if let Some((_, pb)) = cur.as_ref().filter(|(s, _)| s == stage) {
                pb.inc(1);
                return;
            }
        }
        self.update(stage, 1, total);
    }

    /// Clears the last bar.
    pub fn finish(&self) {
        if let Some((_, pb)) = self.current.lock().ok().and_then(|mut c| c.take()) {
            pb.finish_and_clear();
        }
    }
}
