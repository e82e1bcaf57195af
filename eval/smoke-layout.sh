#!/usr/bin/env bash
# Lays out the smoke-test corpus (a TSV like eval/smoke-repos.tsv: name, repo, commit, subpath, ...)
# as one folder per mini-app under OUT_DIR. The apps are third-party code: fetch each repository
# first with the search tool's fetch (github:<repo>), which stores a git mirror; this script only
# exports each app's subpath at its pinned commit with `git archive`. Never commit the output
# (eval/smoke/ is git-ignored).
#   usage: smoke-layout.sh TSV OUT_DIR [MIRRORS_DIR]   (MIRRORS_DIR default: /work/.mirror)
# Skips apps already present in OUT_DIR. Prints "missing mirror: github:<repo>" for each repository
# still to fetch; exits 1 if any app could not be exported.
set -u
tsv=${1:?usage: smoke-layout.sh TSV OUT_DIR [MIRRORS_DIR]}
out=${2:?usage: smoke-layout.sh TSV OUT_DIR [MIRRORS_DIR]}
mirrors=${3:-/work/.mirror}
[ -r "$tsv" ] || { echo "cannot read $tsv" >&2; exit 2; }
mkdir -p "$out"
status=0
while IFS=$'\t' read -r name repo commit subpath _rest; do
  [ "$name" = name ] && continue          # header
  [ -n "$name" ] || continue
  case $name in */*|.*) echo "bad name: $name" >&2; status=1; continue;; esac
  [ -d "$out/$name" ] && continue
  dir=$(ls -d "$mirrors/${repo/\//+}"/* 2>/dev/null | head -1)
  [ -n "$dir" ] || { echo "missing mirror: github:$repo"; status=1; continue; }
  git_dir=$dir; [ -d "$dir/.git" ] && git_dir=$dir/.git
  tmp=$(mktemp -d)
  archive_ok=0
  if git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    # Snapshots lack files of 4 MiB and more: leave out blobs the mirror does not hold.
    excludes=()
    tree=$(git --git-dir="$git_dir" ls-tree -r "$commit" -- "$subpath" | awk '$2 == "blob"')
    missing_shas=$(awk '{ print $3 }' <<<"$tree" | git --git-dir="$git_dir" cat-file --batch-check 2>/dev/null |
      awk '$2 == "missing" { print $1 }')
    if [ -n "$missing_shas" ]; then
      while IFS= read -r path; do excludes+=(":(exclude,literal)$path"); done < <(
        awk -F'\t' 'NR == FNR { miss[$1] = 1; next } { split($1, a, " "); if (a[3] in miss) print $2 }' \
          <(echo "$missing_shas") <(echo "$tree"))
    fi
    [ ${#excludes[@]} -gt 0 ] && echo "$name: ${#excludes[@]} file(s) absent from the mirror left out" >&2
    git --git-dir="$git_dir" archive "$commit" -- "$subpath" "${excludes[@]}" 2>/dev/null | tar -x -C "$tmp" && archive_ok=1
  fi
  if [ $archive_ok = 1 ]; then
    if [ "$subpath" = . ]; then mv "$tmp" "$out/$name"; tmp=
    elif [ -d "$tmp/$subpath" ]; then mv "$tmp/$subpath" "$out/$name"
    else archive_ok=0; fi
  fi
  if [ $archive_ok = 1 ]; then
    echo "exported $name"
  else
    echo "commit $commit or path $subpath not in the mirror of $repo"; status=1
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
done < "$tsv"
exit $status
