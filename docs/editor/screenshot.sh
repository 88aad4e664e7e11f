#!/usr/bin/env bash
# Takes docs/editor-neovim.png: Neovim (Debian's neovim 0.7) with its built-in LSP client talking
# to `zhengce lsp`, in an xterm on a virtual X display (Xvfb), captured with ImageMagick's import.
# VS Code cannot be downloaded here; this is the same server an editor starts.
#
#   apt-get install neovim xvfb xterm imagemagick fonts-noto-cjk
#   cargo build --bin zhengce && docs/editor/screenshot.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD
work=$(mktemp -d)
trap 'kill "${xvfb:-0}" 2> /dev/null || true; rm -rf "$work"' EXIT
cp policies/*.zc "$work/"
export ZHENGCE="$repo/target/debug/zhengce"
display=:77
Xvfb "$display" -screen 0 1500x860x24 > /dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display xterm -geometry 160x40+0+0 -fa 'DejaVu Sans Mono' -fd 'Noto Sans Mono CJK SC' -fs 12 \
    -bg '#fdfdfd' -fg '#202020' \
    -e nvim -u "$repo/docs/editor/neovim-demo.lua" "$work/陇川-2018-考核反馈问题整改方案.zc" &
sleep "${WAIT:-9}"
# The xterm's window, without the display's black background around it.
DISPLAY=$display import -window root "$work/screen.png"
convert "$work/screen.png" -trim +repage "$repo/docs/editor-neovim.png"
echo "docs/editor-neovim.png"
