; Reliability Cockpit's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; Windows picks the app for a file by its last extension only, so it cannot tell cockpit.yaml from any other YAML
; file, and electron-builder's fileAssociations would make the cockpit the default app for every .yaml file.
; Instead the installer lists the cockpit in Explorer's "Open with" menu for .yaml and .yml files
; (OpenWithProgids) and leaves the default alone. SHELL_CONTEXT is HKEY_CURRENT_USER for this per-user install:
; no administrator rights.
; Explorer starts the app with the file's path as its argument: "…\Reliability Cockpit.exe" "C:\…\cockpit.yaml".

!define COCKPIT_PROGID "ReliabilityCockpit.Workspace"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COCKPIT_PROGID}" "" "Reliability Cockpit workspace"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COCKPIT_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COCKPIT_PROGID}\shell\open" "" "Open in Reliability Cockpit"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COCKPIT_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.yaml\OpenWithProgids" "${COCKPIT_PROGID}"
  WriteRegNone SHELL_CONTEXT "Software\Classes\.yml\OpenWithProgids" "${COCKPIT_PROGID}"
  ; Tell Explorer that associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.yaml\OpenWithProgids" "${COCKPIT_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.yml\OpenWithProgids" "${COCKPIT_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${COCKPIT_PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend
