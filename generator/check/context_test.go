package check_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dockergen/dockergen/generator/check"
)

func ruleIDs(t *testing.T, name, src string) []string {
	t.Helper()
	fs, err := check.File(name, []byte(src), check.KindOf(name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	return ids
}

// TestDotnetNonRoot: chiseled images and USER $APP_UID are the .NET
// images' non-root user, not root; a Dockerfile that sets APP_UID to 0 is.
func TestDotnetNonRoot(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		absent    []string
		present   []string
	}{
		{"jammy-chiseled", "FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nENTRYPOINT [\"./app\"]\n", []string{"DG110", "DG111", "DG148"}, nil},
		{"noble-chiseled-extra", "FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra\nENTRYPOINT [\"./app\"]\n", []string{"DG110", "DG148"}, nil},
		{"app-uid-braces", "FROM mcr.microsoft.com/dotnet/aspnet:9.0\nUSER ${APP_UID}\nENTRYPOINT [\"dotnet\", \"app.dll\"]\n", []string{"DG110", "DG111"}, []string{"DG148"}},
		{"app-uid-overridden", "FROM mcr.microsoft.com/dotnet/aspnet:9.0\nARG APP_UID=0\nUSER $APP_UID\n", nil, []string{"DG110"}},
		{"no-user-not-chiseled", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n", nil, []string{"DG110", "DG148"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := ruleIDs(t, "Dockerfile", tc.src)
			for _, id := range tc.absent {
				if slices.Contains(ids, id) {
					t.Errorf("%s raised: %v", id, ids)
				}
			}
			for _, id := range tc.present {
				if !slices.Contains(ids, id) {
					t.Errorf("%s not raised: %v", id, ids)
				}
			}
		})
	}
}

// TestWindowsOutOfScope: every way a final stage is Windows gives DG002
// alone; a Linux final stage after a Windows build stage is checked.
func TestWindowsOutOfScope(t *testing.T) {
	for name, src := range map[string]string{
		"windows-base": "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER root\n",
		"servercore":   "FROM mcr.microsoft.com/dotnet/runtime:9.0-windowsservercore-ltsc2022\n",
		"powershell":   "ARG BASE\nFROM $BASE\nSHELL [\"powershell\", \"-Command\"]\nRUN curl http://x | sh\n",
		"cmd":          "ARG BASE\nFROM $BASE\nSHELL [\"cmd\", \"/S\", \"/C\"]\n",
		"escape":       "# escape=`\nARG BASE\nFROM $BASE\nWORKDIR C:\\app\n",
	} {
		if ids := ruleIDs(t, "Dockerfile", src); !slices.Equal(ids, []string{"DG002"}) {
			t.Errorf("%s: got %v, want only DG002", name, ids)
		}
	}
	linux := "FROM mcr.microsoft.com/dotnet/sdk:10.0-nanoserver-ltsc2022 AS build\nFROM debian:bookworm-slim\n"
	if ids := ruleIDs(t, "Dockerfile", linux); slices.Contains(ids, "DG002") || !slices.Contains(ids, "DG110") {
		t.Errorf("Linux final stage: got %v, want the Linux rules and no DG002", ids)
	}
}

// TestFixInContext: DG216's fix names the service's own ports, DG146's the
// image's own runtime, in text and JSON output; --explain's fix stays the
// rule's.
func TestFixInContext(t *testing.T) {
	compose := "services:\n  web:\n    image: x/web:1\n    ports: [\"8443:443\"]\n"
	fs, err := check.File("compose.yaml", []byte(compose), check.KindCompose)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := check.WriteJSON(&b, []string{"compose.yaml"}, fs); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct{ RuleID, Fix string }
	}
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.RuleID == "DG216" {
			found = true
			if !strings.Contains(f.Fix, `"127.0.0.1:8443:443"`) || !strings.Contains(f.Fix, "web") {
				t.Errorf("DG216 fix %q does not name service web's ports", f.Fix)
			}
		}
	}
	if !found {
		t.Fatal("no DG216 finding")
	}
	if r, _ := check.Lookup("DG216"); strings.Contains(r.Fix, "8443") {
		t.Errorf("the rule's own Fix changed: %q", r.Fix)
	}
	for src, want := range map[string]string{
		"FROM python:3.13-slim\nCMD [\"python\", \"app.py\"]\n":                            `["python", "-c"`,
		"FROM node:22-bookworm-slim\nCMD [\"node\", \"server.js\"]\n":                      `["node", "-e"`,
		"FROM nginx:1.27-alpine\n":                                                         `["wget"`,
		"FROM eclipse-temurin:21-jre\nENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]\n": `["java", "-jar", "/app/app.jar", "--healthcheck"]`,
	} {
		fs, err := check.Dockerfile("Dockerfile", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := check.WriteText(&buf, fs); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(buf.String(), "DG146")
		if i < 0 {
			t.Fatalf("%q: no DG146", src)
		}
		if fix := buf.String()[i:]; !strings.Contains(fix, want) {
			t.Errorf("%q: DG146 fix does not contain %s:\n%s", src, want, fix)
		}
	}
}
