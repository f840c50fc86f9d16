//! The documented study-file schema (`docs/study-file.schema.json`) against the serde types
//! that read study files: every table has the same keys, the same required keys and the same
//! rule on unknown keys, and nested tables and arrays of tables match all the way down. The
//! types' schema comes from `schemars`, so a key added to a type and not to the documentation
//! (or the other way round) fails here.

use std::collections::BTreeSet;

use serde_json::Value;

fn documented() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/study-file.schema.json"
    );
    let text = std::fs::read_to_string(path).expect("docs/study-file.schema.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn generated() -> Value {
    serde_json::to_value(schemars::schema_for!(fiscus_study::StudySpec)).expect("schema")
}

/// `v` with `$ref`s followed and an optional value's `null` alternative dropped.
fn resolve<'a>(v: &'a Value, root: &'a Value) -> &'a Value {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        return resolve(&root["$defs"][name], root);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = v.get(key).and_then(Value::as_array) {
            let not_null: Vec<&Value> = alts.iter().filter(|a| a["type"] != "null").collect();
            if not_null.len() == 1 {
                return resolve(not_null[0], root);
            }
        }
    }
    v
}

fn keys(v: &Value, field: &str) -> BTreeSet<String> {
    match &v[field] {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => BTreeSet::new(),
    }
}

fn compare(
    path: &str,
    doc: &Value,
    droot: &Value,
    types: &Value,
    groot: &Value,
    errs: &mut Vec<String>,
) {
    let (d, g) = (resolve(doc, droot), resolve(types, groot));
    if d.get("items").is_some() || g.get("items").is_some() {
        if d.get("items").is_some() != g.get("items").is_some() {
            errs.push(format!("{path}: an array in one, not in the other"));
            return;
        }
        return compare(
            &format!("{path}[]"),
            &d["items"],
            droot,
            &g["items"],
            groot,
            errs,
        );
    }
    if d.get("properties").is_none() && g.get("properties").is_none() {
        return;
    }
    let (dk, gk) = (keys(d, "properties"), keys(g, "properties"));
    for k in dk.difference(&gk) {
        errs.push(format!(
            "{path}.{k}: documented, but the study file's types do not read it"
        ));
    }
    for k in gk.difference(&dk) {
        errs.push(format!("{path}.{k}: read by the types, but not documented"));
    }
    let (dr, gr) = (keys(d, "required"), keys(g, "required"));
    if dr != gr {
        errs.push(format!(
            "{path}: required keys differ: documented {dr:?}, types {gr:?}"
        ));
    }
    let closed = |v: &Value| v["additionalProperties"] == Value::Bool(false);
    if closed(d) != closed(g) {
        errs.push(format!(
            "{path}: unknown keys are refused in one and allowed in the other"
        ));
    }
    for k in dk.intersection(&gk) {
        compare(
            &format!("{path}.{k}"),
            &d["properties"][k],
            droot,
            &g["properties"][k],
            groot,
            errs,
        );
    }
}

#[test]
fn documented_schema_matches_the_study_file_types() {
    let (doc, types) = (documented(), generated());
    let mut errs = Vec::new();
    compare("study file", &doc, &doc, &types, &types, &mut errs);
    assert!(
        errs.is_empty(),
        "docs/study-file.schema.json and the serde types differ:\n{}",
        errs.join("\n")
    );
}

#[test]
fn the_comparison_notices_a_missing_key() {
    let mut doc = documented();
    let types = generated();
    doc["properties"]["study"]["properties"]
        .as_object_mut()
        .expect("study table")
        .remove("title");
    let sets = doc["$defs"]["set"]["properties"]
        .as_object_mut()
        .expect("set");
    assert!(sets.remove("anchors").is_some());
    let mut errs = Vec::new();
    compare("study file", &doc, &doc, &types, &types, &mut errs);
    assert!(errs.iter().any(|e| e.contains("study.title")), "{errs:?}");
    assert!(
        errs.iter().any(|e| e.contains("condition[].anchors")),
        "{errs:?}"
    );
}
