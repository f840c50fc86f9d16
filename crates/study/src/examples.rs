//! The example studies bundled with Fiscus (`fiscus demo`): each study file with its data
//! files, so that they run without the repository.

use crate::spec::Study;

/// One bundled example study.
///
/// ```
/// let ex = &fiscus_study::EXAMPLES[2];
/// assert_eq!((ex.dir, ex.name()), ("lipset", "examples/lipset/study.toml".to_string()));
/// assert!(ex.file("LR.csv").unwrap().starts_with(b"\"case\","));
/// assert!(ex.file("nope.csv").unwrap_err().contains("not bundled"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Its directory under `examples/` (and in the demo's output).
    pub dir: &'static str,
    /// The study file.
    pub study: &'static str,
    /// The data files it names: (name relative to the study file, text).
    pub data: &'static [(&'static str, &'static str)],
}

impl Example {
    /// The name of its study file in messages: `examples/DIR/study.toml`.
    pub fn name(&self) -> String {
        format!("examples/{}/study.toml", self.dir)
    }

    /// A data file the study names (a [`Reader`](crate::Reader) for [`run`](crate::run)).
    pub fn file(&self, rel: &str) -> Result<Vec<u8>, String> {
        let file = self.data.iter().find(|(n, _)| *n == rel);
        file.map(|(_, t)| t.as_bytes().to_vec())
            .ok_or_else(|| format!("`{rel}` is not bundled with the example"))
    }

    /// The example's entry in the demo's index page, `study` being its parsed study file.
    ///
    /// ```
    /// let ex = &fiscus_study::EXAMPLES[2];
    /// let study = fiscus_study::Study::parse(ex.study, &ex.name()).unwrap();
    /// assert_eq!(ex.index_entry(&study).href, "lipset/report.html");
    /// ```
    pub fn index_entry(&self, study: &Study) -> fiscus_report::IndexEntry {
        let meta = &study.spec.study;
        fiscus_report::IndexEntry {
            title: meta.title.clone(),
            href: format!("{}/report.html", self.dir),
            summary: meta
                .description
                .clone()
                .unwrap_or_else(|| format!("examples/{}", self.dir)),
        }
    }
}

/// Every bundled example, in the order the demo runs them.
pub const EXAMPLES: &[Example] = &[
    Example {
        dir: "participatory-budgeting",
        study: include_str!("../../../examples/participatory-budgeting/study.toml"),
        data: &[(
            "pilots-synthetic.csv",
            include_str!("../../../examples/participatory-budgeting/pilots-synthetic.csv"),
        )],
    },
    Example {
        dir: "budget-performance",
        study: include_str!("../../../examples/budget-performance/study.toml"),
        data: &[
            (
                "delphi-round1.csv",
                include_str!("../../../examples/budget-performance/delphi-round1.csv"),
            ),
            (
                "delphi-round2.csv",
                include_str!("../../../examples/budget-performance/delphi-round2.csv"),
            ),
            (
                "survey-synthetic.csv",
                include_str!("../../../examples/budget-performance/survey-synthetic.csv"),
            ),
        ],
    },
    Example {
        dir: "lipset",
        study: include_str!("../../../examples/lipset/study.toml"),
        data: &[("LR.csv", include_str!("../../../examples/lipset/LR.csv"))],
    },
];
