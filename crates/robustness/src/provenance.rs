//! What a grid shard was computed from: a content hash of the data, a content hash of the
//! analysis (outcome, conditions, initial specification, grid) and the condition order, so that
//! [`crate::merge_shards`] can refuse shards of another analysis.
//!
//! The hash is SHA-256 (FIPS 180-4), implemented here over a canonical byte encoding that does
//! not depend on the machine, the thread count or the file the data came from.

use fiscus_data::{Cell, Dataset};
use serde::{Deserialize, Serialize};

use crate::grid::Grid;
use crate::spec::Specification;

pub use fiscus_data::sha256_hex;

/// Appends a length-prefixed string (so that no two different sequences encode alike).
fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The SHA-256 of a dataset's content: case labels, column names and every cell (numbers by
/// their IEEE-754 bits, `-0` as `0`). The source file name does not count.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// let a = Dataset::new("a.csv", vec!["x".into()], vec![Column::numbers("A", &[0.5])]).unwrap();
/// let b = Dataset::new("b.csv", vec!["x".into()], vec![Column::numbers("A", &[0.5])]).unwrap();
/// let c = Dataset::new("a.csv", vec!["x".into()], vec![Column::numbers("A", &[0.6])]).unwrap();
/// use fiscus_robustness::provenance::data_hash;
/// assert_eq!(data_hash(&a), data_hash(&b));
/// assert_ne!(data_hash(&a), data_hash(&c));
/// ```
pub fn data_hash(ds: &Dataset) -> String {
    let mut out = b"fiscus-dataset-1".to_vec();
    out.extend_from_slice(&(ds.n_cases() as u64).to_le_bytes());
    for c in ds.cases() {
        put_str(&mut out, c);
    }
    out.extend_from_slice(&(ds.columns().len() as u64).to_le_bytes());
    for col in ds.columns() {
        put_str(&mut out, &col.name);
        for cell in &col.cells {
            match cell {
                Cell::Missing => out.push(0),
                Cell::Number(v) => {
                    out.push(1);
                    let v = if *v == 0.0 { 0.0 } else { *v };
                    out.extend_from_slice(&v.to_bits().to_le_bytes());
                }
                Cell::Text(t) => {
                    out.push(2);
                    put_str(&mut out, t);
                }
            }
        }
    }
    sha256_hex(&out)
}

/// Where a grid shard comes from. Shards merge only when all three fields are equal.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_robustness::{Grid, Provenance, Specification};
/// let ds = Dataset::new("d.csv", vec!["x".into()], vec![Column::numbers("A", &[0.5]), Column::numbers("Y", &[1.0])]).unwrap();
/// let g: Grid = "n-cut=1,2".parse().unwrap();
/// let p = Provenance::new(&ds, "Y", None, &["A".to_string()], &Specification::default(), &g);
/// assert_eq!(p.data.len(), 64);
/// let h: Grid = "n-cut=1,3".parse().unwrap();
/// assert_ne!(p.options, Provenance::new(&ds, "Y", None, &["A".to_string()], &Specification::default(), &h).options);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// SHA-256 of the data's content ([`data_hash`]).
    pub data: String,
    /// SHA-256 of the analysis: outcome, conditions as given, initial specification and grid.
    pub options: String,
    /// The conditions in the order analysed.
    pub conditions: Vec<String>,
}

impl Provenance {
    /// The provenance of a grid over `ds`; `analysed` are the conditions in the order the
    /// analysis uses them.
    pub fn new(
        ds: &Dataset,
        outcome: &str,
        conditions: Option<&[String]>,
        analysed: &[String],
        initial: &Specification,
        grid: &Grid,
    ) -> Provenance {
        // serde_json writes struct fields in declaration order and floats in their shortest
        // round-trip form, so the text is the same on every machine.
        let options = serde_json::to_string(&(outcome, conditions, initial, grid))
            .unwrap_or_else(|e| format!("unserialisable options: {e}"));
        let mut bytes = b"fiscus-grid-options-1".to_vec();
        put_str(&mut bytes, &options);
        Provenance {
            data: data_hash(ds),
            options: sha256_hex(&bytes),
            conditions: analysed.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    /// FIPS 180-4 / NIST CSHS example vectors, a two-block message, a million bytes.
    #[test]
    fn nist_vectors() {
        assert_eq!(
            sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            sha256_hex(b"The quick brown fox jumps over the lazy dog"),
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        );
        let million_a = vec![b'a'; 1_000_000];
        assert_eq!(
            sha256_hex(&million_a),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        // 55, 56 and 64 bytes: the padding edges (values from coreutils' sha256sum)
        for (n, want) in [
            (
                55,
                "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072",
            ),
            (
                56,
                "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e",
            ),
            (
                64,
                "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c",
            ),
        ] {
            assert_eq!(sha256_hex(&vec![b'x'; n]), want, "{n} bytes");
        }
    }
}
