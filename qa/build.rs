//! Records the git commit the runner is built from, for the reports' run metadata.
//!
//! At build time, not at run time: the report must name the code that ran, and
//! `git rev-parse` at run time would name whatever checkout the tester's shell happens
//! to be in. Built outside a git checkout (a source archive) or without git, the commit
//! is "unknown". Uncommitted changes are not detected: cargo does not rerun this script
//! for every edit, so a "modified" flag could be stale.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn main() {
    let commit = git(&["rev-parse", "HEAD"]).unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=WXLOGIN_QA_COMMIT={commit}");
    // Rebuild when HEAD moves: a commit, a checkout, or a ref packed or updated.
    for path in ["HEAD", "packed-refs", "refs/heads"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            if Path::new(&file).exists() {
                println!("cargo:rerun-if-changed={file}");
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
