//! The manifest an output directory carries (`.fiscus-manifest.json`): every file a run wrote,
//! with its SHA-256, so that a later run with `--force` removes only its own stale files.

use serde::{Deserialize, Serialize};

/// The manifest's file name in an output directory.
pub const MANIFEST: &str = ".fiscus-manifest.json";

/// One file of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Path relative to the output directory, `/`-separated.
    pub path: String,
    /// SHA-256 of the bytes written, 64 lower-case hex digits.
    pub sha256: String,
}

/// The files a run wrote.
///
/// ```
/// use fiscus_report::manifest::Manifest;
/// let m = Manifest::of(&[("a/b.csv", b"abc".as_slice())]);
/// let text = m.to_json();
/// assert!(text.contains("\"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""));
/// assert_eq!(Manifest::from_json(text.as_bytes()), Some(m));
/// assert_eq!(Manifest::from_json(b"{}"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always 1.
    pub schema_version: u32,
    /// Always `fiscus`.
    pub generator: String,
    /// The files, in the order written.
    pub files: Vec<ManifestEntry>,
}

impl Manifest {
    /// The manifest of `(relative path, bytes)` pairs.
    pub fn of(files: &[(&str, &[u8])]) -> Manifest {
        Manifest {
            schema_version: 1,
            generator: "fiscus".into(),
            files: files
                .iter()
                .map(|(path, bytes)| ManifestEntry {
                    path: path.to_string(),
                    sha256: fiscus_data::sha256_hex(bytes),
                })
                .collect(),
        }
    }

    /// The manifest as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// A manifest read back; `None` when the bytes are not one.
    pub fn from_json(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice(bytes).ok()
    }
}
