//! Output directories of `fiscus run` and `fiscus demo`: the `--force` rule and the manifest.
//!
//! A run writes every file atomically (`common::write_atomic`), never through a symbolic link
//! below the output directory and never over one of its input files, and writes last a
//! manifest, `.fiscus-manifest.json`, listing the relative path and SHA-256 of every file it
//! wrote. An existing non-empty directory is written into only with `--force`; then the files
//! the previous run's manifest lists that this run does not write are removed when they are
//! unchanged since that run (same SHA-256). Files the manifest does not list (the user's) are
//! never touched; an entry that leaves the directory (`../x`, an absolute path) is ignored with
//! a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use crate::common;

/// The manifest's file name in the output directory.
pub const MANIFEST: &str = ".fiscus-manifest.json";

/// One file to write: its path relative to the output directory and its bytes.
pub struct OutFile {
    /// Relative path with `/` separators (`tables/necessity.csv`).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Writes `files` into `dir` under the rules of this module; returns the warnings to print
/// (stale files kept because they changed, manifest entries ignored). `option` names the
/// directory in messages (`-o out`).
pub fn write_dir(dir: &Path, files: &[OutFile], force: bool, option: &str) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(anyhow!(
                "{option}: {} exists and is not a directory",
                dir.display()
            ))
        }
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir)
                .with_context(|| format!("{option}: cannot read directory {}", dir.display()))?;
            if entries.next().is_some() && !force {
                return Err(anyhow!(
                    "{option}: the directory {} exists and is not empty; use --force to write \
                     into it (files of an earlier fiscus run that this run does not write are \
                     then removed; no other file is touched)",
                    dir.display()
                ));
            }
        }
        Err(_) => std::fs::create_dir_all(dir)
            .with_context(|| format!("{option}: cannot create directory {}", dir.display()))?,
    }
    let previous = read_manifest(dir, &mut warnings);

    // Check every target before writing anything: a refused file leaves the directory as it was.
    let mut targets = Vec::with_capacity(files.len());
    for f in files {
        let rel = common::inner_path(&f.path).ok_or_else(|| {
            anyhow!(
                "{option}: output file name `{}` is not a plain relative path",
                f.path
            )
        })?;
        let target = common::path_under(dir, &rel, false).with_context(|| option.to_string())?;
        common::check_target(&target).with_context(|| option.to_string())?;
        targets.push(rel);
    }
    common::check_target(&dir.join(MANIFEST)).with_context(|| option.to_string())?;
    for (f, rel) in files.iter().zip(&targets) {
        let target = common::path_under(dir, rel, true).with_context(|| option.to_string())?;
        common::write_atomic(&target, &f.bytes).with_context(|| option.to_string())?;
    }

    let written: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, sha) in previous {
        if written.contains(path.as_str()) {
            continue;
        }
        remove_stale(dir, &path, &sha, &mut warnings);
    }

    let manifest = manifest_json(files);
    common::write_atomic(&dir.join(MANIFEST), manifest.as_bytes())
        .with_context(|| option.to_string())?;
    Ok(warnings)
}

/// The manifest document of `files`.
fn manifest_json(files: &[OutFile]) -> String {
    let list: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::json!({ "path": f.path, "sha256": sha256_hex(&f.bytes) }))
        .collect();
    let doc = serde_json::json!({
        "schema_version": 1,
        "generator": "fiscus",
        "files": list,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The (path, sha256) entries of the manifest in `dir`; none when there is no manifest. An
/// unreadable manifest or an entry that escapes the directory becomes a warning.
fn read_manifest(dir: &Path, warnings: &mut Vec<String>) -> Vec<(String, String)> {
    let path = dir.join(MANIFEST);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Vec::new();
    };
    if !meta.is_file() {
        warnings.push(format!(
            "{} is not a regular file; it is ignored and no earlier output is removed",
            path.display()
        ));
        return Vec::new();
    }
    let parsed = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    let Some(files) = parsed.as_ref().and_then(|v| v["files"].as_array()) else {
        warnings.push(format!(
            "{} is not a fiscus manifest; it is ignored and no earlier output is removed",
            path.display()
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in files {
        let (Some(p), Some(sha)) = (f["path"].as_str(), f["sha256"].as_str()) else {
            warnings.push(format!(
                "{}: an entry without path and sha256 is ignored",
                path.display()
            ));
            continue;
        };
        if common::inner_path(p).is_none() || p == MANIFEST {
            warnings.push(format!(
                "{}: entry `{p}` is not a file inside the output directory; ignored",
                path.display()
            ));
            continue;
        }
        out.push((p.to_string(), sha.to_string()));
    }
    out
}

/// Removes `dir/rel`, a file of the previous run this run did not write, if it is unchanged
/// since that run; then its directories up to `dir` if they became empty.
fn remove_stale(dir: &Path, rel: &str, sha: &str, warnings: &mut Vec<String>) {
    let Some(rel) = common::inner_path(rel) else {
        return;
    };
    let target = match common::path_under(dir, &rel, false) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(format!(
                "earlier output {}: {e:#}; left in place",
                rel.display()
            ));
            return;
        }
    };
    let Ok(meta) = std::fs::symlink_metadata(&target) else {
        return; // already gone
    };
    if !meta.is_file() || common::input_at(&target).is_some() {
        warnings.push(format!(
            "{} was listed by the earlier run but is not its plain output file now; left in place",
            target.display()
        ));
        return;
    }
    match std::fs::read(&target) {
        Ok(bytes) if sha256_hex(&bytes) == sha => {
            if let Err(e) = std::fs::remove_file(&target) {
                warnings.push(format!("cannot remove {}: {e}", target.display()));
                return;
            }
            let mut parent: Option<PathBuf> = target.parent().map(Path::to_path_buf);
            while let Some(p) = parent {
                if p == dir || !p.starts_with(dir) || std::fs::remove_dir(&p).is_err() {
                    break;
                }
                parent = p.parent().map(Path::to_path_buf);
            }
        }
        Ok(_) => warnings.push(format!(
            "{} was written by an earlier run and changed since; this run does not write it and \
             left it in place",
            target.display()
        )),
        Err(e) => warnings.push(format!(
            "cannot read {}: {e}; left in place",
            target.display()
        )),
    }
}

/// SHA-256 (FIPS 180-4) of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = bytes.to_vec();
    let bit_len = (bytes.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    let mut w = [0u32; 64];
    for block in msg.chunks_exact(64) {
        for (t, word) in block.chunks_exact(4).enumerate() {
            w[t] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    /// FIPS 180-4 / NIST example vectors.
    #[test]
    fn sha256_matches_the_nist_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            sha256_hex(&vec![b'a'; 1_000_000]),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }
}
