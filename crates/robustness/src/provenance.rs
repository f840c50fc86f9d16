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

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
///
/// ```
/// use fiscus_robustness::sha256_hex;
/// assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
/// assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
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
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
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
