//! `treu-host seed-demo` (run by `./x demo`): the demo shop has something for every widget.

mod common;

use common::{command, Host};

#[test]
fn the_demo_shop_has_members_in_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let mut said = Vec::new();
    for _ in 0..2 {
        let output = command(&dir).args(["seed-demo", "--program", "www/demo-program.json"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        said.push(String::from_utf8(output.stdout).unwrap());
    }
    assert!(said[0].starts_with("demo shop seeded"), "{said:?}");
    assert!(said[1].starts_with("demo shop already seeded"), "seeding twice adds nothing: {said:?}");
    let host = Host::start_in(dir, &[]);
    let ann = host.me("demo-ann");
    assert_eq!(ann["stage"], "repeat");
    assert_eq!(ann["tier"]["current"]["id"], "silver");
    assert!(ann["balance"]["available"].as_i64().unwrap() >= 500, "Ann can redeem €5 off: {}", ann["balance"]);
    let kinds: Vec<&str> =
        ann["history"]["entries"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"redeem") && kinds.contains(&"adjust") && kinds.contains(&"earn"), "{kinds:?}");
    let bo = host.me("demo-bo");
    assert_eq!(bo["stage"], "lapsed");
    assert!(bo["winBack"].is_object());
    let cy = host.me("demo-cy");
    assert_eq!(cy["stage"], "new");
    assert!(cy["balance"]["pending"].as_i64().unwrap() > 0, "inside the return window");
    assert_eq!(host.me("demo-dee")["stage"], "prospect");
}
