#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# completions/yukang parses, registers itself for yukang, and offers every
# command of `yukang help` and every option of `yukang COMMAND --help`
# (and of each `yukang user SUBCOMMAND --help` and `yukang training SUBCOMMAND --help`).
#   check-completion.sh completions/yukang path/to/yukang
set -euo pipefail
completion=$1 yukang=$2
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=

bash -n "$completion"
# Without bash-completion's helpers: only that it defines and registers.
bash -c 'source "$1" && declare -F _yukang >/dev/null && complete -p yukang >/dev/null' check "$completion"

source "$completion"
status=0
commands=$("$yukang" help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/:$/ {print $1}')
offered=$(sed -n "s/^ *local commands='\(.*\)'/\1/p" "$completion")
for c in $commands; do
  [[ " $offered " == *" $c "* ]] || { echo "command $c is not offered" >&2; status=1; }
done

check_options() {
  local key=$1; shift
  local wanted
  wanted=$("$yukang" "$@" --help | grep -o '^ *--[a-z][a-z-]*' | tr -d ' ' | grep -vx -e --help -e --help-all || true)
  local have=" $(_yukang_options "$key") "
  for o in $wanted; do
    [[ $have == *" $o "* ]] || { echo "yukang $* $o is not offered" >&2; status=1; }
  done
}
for c in $commands; do
  case $c in
    help | version) ;;
    user) for s in list add remove passwd rotate-key; do check_options "user $s" user "$s"; done ;;
    training) for s in add list void; do check_options "training $s" training "$s"; done ;;
    *) check_options "$c" "$c" ;;
  esac
done
[ $status -eq 0 ] && echo "completion offers every command and option"
exit $status
