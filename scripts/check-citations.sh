#!/usr/bin/env bash
# Every reference in the repository resolves inside it (issue 10): no tracked file may point to a path
# outside the checkout or to the research notes that once lived beside it; a `docs/…` file named
# anywhere must exist; a "docs/domain.md §N" or "manual §N" citation must name a section that
# docs/domain.md or docs/manual.md has; a relative link in a Markdown file must reach a file.
# Run by `npm run check` (as check:citations). Prints every failure, exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r -d '' f; do
  [ -f "$f" ] && files+=("$f") # tracked but deleted in the working tree (a move in progress): skipped
done < <(git ls-files -z -- . ':!package-lock.json' ':!bench/results/' ':!data/*.csv' ':!scripts/check-citations.sh')

failures=0
fail() {
  echo "$1"
  failures=$((failures + 1))
}

# 1. paths outside the checkout, and the research notes kept outside it (their copies are in docs/)
outside='\.\./shared|/work/|(^|[^/A-Za-z])(DOMAIN|ENGINEERING|STACK-NOTES)\.md|seeds/manuale|seeds/pagina|reference/csi-'
while IFS= read -r hit; do
  fail "$hit  <- points outside the repository (cite docs/ instead, see docs/README.md)"
done < <(grep -nIE "$outside" -- "${files[@]}" || true)

# 2. docs/<file>.md named anywhere exists (not "owner/repo docs/x.md": another repository's file)
while IFS=: read -r file line ref; do
  case $ref in *' '*) continue ;; esac
  [ -f "$ref" ] || fail "$file:$line: $ref does not exist"
done < <(grep -noIE '([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+ )?docs/[A-Za-z0-9._/-]+\.md' -- "${files[@]}" || true)

# 3. section citations resolve: "docs/domain.md §2.4" → a heading "### 2.4 …" (or "## 2. …") in
#    docs/domain.md; "manual §4" → a heading "## §4 …" in docs/manual.md. A range (§3–6) is checked
#    at its first section.
has_heading() { grep -qE "^#{2,4} $2" "$1"; }
while IFS=: read -r file line ref; do
  sec=${ref##*§}
  case $sec in
    *.*) pattern="${sec//./\\.} " ;;
    *) pattern="$sec\\. " ;;
  esac
  has_heading docs/domain.md "$pattern" || fail "$file:$line: docs/domain.md has no section §$sec"
done < <(grep -noIE 'domain\.md,? §[0-9]+(\.[0-9]+)?' -- "${files[@]}" || true)
while IFS=: read -r file line ref; do
  sec=${ref##*§}
  has_heading docs/manual.md "§${sec//./\\.} " || fail "$file:$line: docs/manual.md has no section §$sec"
done < <(grep -noIiE 'manual( ESENPAT)? §[0-9]+(\.[0-9]+)?' -- "${files[@]}" || true)

# 4. relative links of Markdown files reach a file or folder
for md in "${files[@]}"; do
  case $md in *.md) ;; *) continue ;; esac
  dir=$(dirname "$md")
  while IFS=: read -r line link; do
    target=${link#](}
    target=${target%)}
    target=${target%%#*}
    case $target in '' | http://* | https://* | mailto:*) continue ;; esac
    [ -e "$dir/$target" ] || fail "$md:$line: link to $target does not resolve"
  done < <(grep -noE '\]\([^) ]+\)' -- "$md" || true)
done

if [ "$failures" -gt 0 ]; then
  echo "check-citations: $failures reference(s) do not resolve inside the repository"
  exit 1
fi
echo "check-citations: every reference resolves inside the repository (${#files[@]} files)"
