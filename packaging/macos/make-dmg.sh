#!/usr/bin/env bash
# The macOS disk image: the .app that `python3 packaging/dev.py bundle` made, beside a link
# to /Applications to drag it onto. Runs on macOS (hdiutil).
#   packaging/macos/make-dmg.sh ["dist/QMS Desktop.app" [OUT_DIR]]
# Signing and notarisation need the team's Developer ID: when CODESIGN_IDENTITY is set, the
# app is signed (hardened runtime) before the image is made.
set -euo pipefail
APP=${1:-"dist/QMS Desktop.app"}
OUT=${2:-dist}
VERSION=$(/usr/libexec/PlistBuddy -c "Print CFBundleShortVersionString" "$APP/Contents/Info.plist")
ARCH=$(uname -m)

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi

STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="$OUT/qms-desktop-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "QMS Desktop" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"
echo "$DMG"
