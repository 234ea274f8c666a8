#!/usr/bin/env python3
"""Syntax-check Swift files with tree-sitter-swift, without a Swift toolchain.

Usage: check-swift.py [--self-test] PATH...

PATHs are .swift files or directories (searched recursively for *.swift).
Every ERROR or MISSING node of the parse tree is printed as
`file:line:col: syntax error`, and the exit status is 1 if there is any.
The parts of a tree already inside an ERROR node are not reported again.

Workaround for a grammar limitation: tree-sitter-swift 0.7 reports ERROR nodes
where a declaration is wrapped in compiler-directive lines, which is exactly
what UniFFI generates:

    #if swift(>=5.8)
    @_documentation(visibility: private)
    #endif
    public func uniffiFoo() { ... }

So before parsing, lines consisting of `#if ...`, `#elseif ...`, `#else` or
`#endif` are replaced by empty lines (line numbers stay right). The code of
every branch is then checked as if it were unconditional.

A second limitation, with the same kind of fix: the grammar cannot parse a
closure whose whole body is the empty tuple, `{ () }` (it reads `()` as the
start of a parameter list), which UniFFI emits for every callback-interface
method returning nothing (`let writeReturn = { () }`). That exact text is
replaced by `{ [] }`, same length so columns stay right. Nothing else is changed.

--self-test first checks the checker: a valid snippet (with the UniFFI pattern
above) must pass and deliberately broken ones must be reported, else exit 2.
Run it with the venv from scripts/lib/tools.sh (ensure_treesitter, $WXLOGIN_PY).
"""

import os
import re
import sys
from pathlib import Path

try:
    import tree_sitter
    import tree_sitter_swift
except ImportError:
    # Re-run under the venv ensure_treesitter made, if it exists, so that
    # `scripts/check-swift.py` works when called with the system python3.
    cache = os.environ.get("WXLOGIN_CACHE") or os.path.expanduser("~/.cache/wxlogin")
    venv_py = os.environ.get("WXLOGIN_PY") or os.path.join(cache, "venv", "bin", "python")
    if os.path.exists(venv_py) and os.path.abspath(venv_py) != os.path.abspath(sys.executable):
        os.execv(venv_py, [venv_py, *sys.argv])
    sys.exit("check-swift: tree_sitter_swift not importable; "
             "source scripts/lib/tools.sh and run ensure_treesitter first")

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
DIRECTIVE = re.compile(rb"^[ \t]*#(?:if|elseif|else|endif)\b[^\n]*", re.MULTILINE)


def blank_directives(src: bytes) -> bytes:
    """The two grammar workarounds of the docstring."""
    return DIRECTIVE.sub(b"", src).replace(b"{ () }", b"{ [] }")


def syntax_errors(src: bytes):
    """Yield (line, col, detail) for each ERROR/MISSING node, 1-based."""
    src = blank_directives(src)
    lines = src.split(b"\n")
    stack = [PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            row, col = node.start_point
            # tree-sitter columns count bytes; report characters.
            col = len(lines[row][:col].decode("utf-8", "replace")) + 1
            detail = f" (missing '{node.type}')" if node.is_missing else ""
            yield row + 1, col, detail
        elif node.has_error:  # only subtrees with an error are worth walking
            stack.extend(reversed(node.children))


def swift_files(paths):
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(p.rglob("*.swift"))
        else:
            yield p


SELF_TEST_OK = b"""\
import Foundation

public protocol Listener: AnyObject, Sendable {
    func onState(state: LoginState)
}

public enum LoginState: Equatable {
    case idle
    case qrReady(url: String, expiresIn: UInt32)
}

open class Client: @unchecked Sendable {
    fileprivate let handle: UInt64
    public init(handle: UInt64) { self.handle = handle }

#if swift(>=5.8)
    @_documentation(visibility: private)
#endif
    public func uniffiCloneHandle() -> UInt64 { return handle }

    func notify(_ l: Listener) {
        let writeReturn = { () }
        l.onState(state: .idle)
        writeReturn()
    }

    open func login() async throws -> String {
        return try await withCheckedThrowingContinuation { c in c.resume(returning: "x") }
    }
}
"""
SELF_TEST_BAD = [
    b"public class Client {\n    func f() {}\n",  # unclosed brace
    b"func (x: Int) -> Int { return x }\n",  # func with no name
]


def self_test() -> bool:
    ok = not list(syntax_errors(SELF_TEST_OK))
    for bad in SELF_TEST_BAD:
        ok = ok and bool(list(syntax_errors(bad)))
    return ok


def main(argv):
    args = argv[1:]
    if "--self-test" in args:
        args = [a for a in args if a != "--self-test"]
        if not self_test():
            print("check-swift: self-test failed: the checker cannot be trusted", file=sys.stderr)
            return 2
        print("swift syntax: self-test ok")
        if not args:
            return 0
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    missing = [a for a in args if not os.path.exists(a)]
    if missing:
        print(f"check-swift: no such file or directory: {' '.join(missing)}", file=sys.stderr)
        return 1
    files = list(swift_files(args))
    if not files:
        # Most likely the bindings were not generated: passing would hide that.
        print(f"check-swift: no .swift files under {' '.join(args)}", file=sys.stderr)
        return 1
    bad = 0
    for f in files:
        errors = list(syntax_errors(f.read_bytes()))
        bad += bool(errors)
        for line, col, detail in errors:
            print(f"{f}:{line}:{col}: syntax error{detail}")
    if bad:
        print(f"swift syntax: {bad} of {len(files)} files with errors")
        return 1
    print(f"swift syntax: {len(files)} files ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
