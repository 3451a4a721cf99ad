; Inno Setup 6 script: the Windows installer of QMS Desktop, made from the one-folder bundle.
;   python packaging\dev.py bundle
;   iscc /DAppVersion=0.1.0 packaging\windows\qms-desktop.iss
; Installs per user by default (no administrator needed; an administrator may choose all
; users), adds the Start menu entry, and registers the .qms workspace type with its own
; icon so a double-clicked workspace opens in QMS Desktop (a running QMS Desktop takes it
; over: one editor per file). Uninstalling removes the association again.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z qms-desktop.iss
#endif
#define AppName "QMS Desktop"
#define AppExe "QMSDesktop.exe"
#define ProgId "QMSDesktop.Workspace"
#define Bundle "..\..\dist\qms-desktop"

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{BFDB69C4-6981-48A6-B1D3-37A38A8E44BC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=QMS Desktop team
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile=..\..\resources\icons\qms-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=qms-desktop-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running QMS Desktop before replacing its files (its edits are already stored).
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\resources\icons\qms-workspace.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA: HKCU for a per-user install, HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.qms"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.qms"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-qms-workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.qms\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "QMS Desktop workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\qms-workspace.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".qms"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
