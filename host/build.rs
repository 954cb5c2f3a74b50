//! Rebuilds the binary when what it embeds at compile time changes: the
//! migrations (`sqlx::migrate!`) and the dashboard (`rust-embed` in release
//! builds tracks the files it embedded, not files added later).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    // Watching a folder that does not exist would rebuild every time; until
    // the dashboard is built, watch the folder it will appear in.
    if std::path::Path::new("admin/dist").exists() {
        println!("cargo:rerun-if-changed=admin/dist");
    } else {
        println!("cargo:rerun-if-changed=admin");
    }
}
