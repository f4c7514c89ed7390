package generator

// How each spec field is kept from becoming syntax (issue 7).
//
// Every string of a spec reaches a Dockerfile, a POSIX shell script or a
// YAML file. For each field, one of two things holds: Validate refuses every
// character that one of those languages could read as syntax, or the field
// is encoded, for every output it reaches, so that it stays one datum. A
// field is never printed raw unless its validation rule leaves only
// characters that are plain in all three languages ([A-Za-z0-9] and a few
// of ._-/@+:=~ where they are plain). Control characters (newline, CR, tab,
// NUL, NEL, U+2028/U+2029) and invalid UTF-8 are refused in every field.
//
//	field                       rule (Validate)                                  reaches, and how
//	--------------------------  -----------------------------------------------  ------------------------------------------------
//	apiVersion                  exactly dockergen/v1                             nothing
//	name                        [a-z0-9] joined by '-', '_' or '__', 2-64,       LABEL (dfQuote), COPY/ENTRYPOINT path, run.sh
//	                            no '.' (a container and compose project name)    (ShellQuote), compose (yamlstr; the service key is
//	                                                                             bare: see TestComposeBareKeys)
//	stack, base                 one of a fixed list                              FROM (via a fixed image table), comments
//	version                     per stack: 1.NN, NN, 3.NN                        FROM tag
//	syntax                      an image reference of Docker's own frontend      the # syntax= line (no space, no newline)
//	                            (docker/dockerfile[-upstream][:tag][@sha256:..])
//	context                     [A-Za-z0-9._@+/-]+, not absolute, no leading     run.sh (ShellQuote), compose (yamlstr); ".." is
//	                            '-'                                              allowed: it names the context itself
//	main                        [A-Za-z0-9._@+/-]+, no ".." escape; go: . or     exec-form JSON (ENTRYPOINT, go build argv)
//	                            ./path; node and python: no leading '-'
//	entrypoint, command,        any printable UTF-8; the program not empty       exec-form JSON arrays (execForm): no shell, no
//	build.command,              (secret scan: known formats, --password=x)       variable expansion, no heredoc (BuildKit reads
//	healthcheck.command                                                          no heredoc in JSON form); '-' is data
//	workdir                     absolute, clean, [A-Za-z0-9._@+/-] only          WORKDIR and COPY destination (bare: no $, space
//	                                                                             or quote is possible)
//	ports                       1024-65535, unique                               EXPOSE, --publish, compose (yamlstr)
//	packages                    name [a-z0-9][a-z0-9+.-]*, optional =version     bare words of a shell-form RUN: no metacharacter,
//	                            starting with a letter or digit                  no leading '-', no leading '~'
//	env, build.args             keys [A-Za-z_][A-Za-z0-9_]{0,127}; values any    ENV/ARG KEY="value" (dfQuote escapes \ " $: no
//	                            printable one-line UTF-8 (secret scan)           expansion, no continuation); ARG values are
//	                                                                             environment, never command text
//	labels                      keys [a-z0-9][a-z0-9.-]*[a-z0-9]; values as env  LABEL key="value" (dfQuote)
//	                            (secret scan)
//	build.secrets[].id          [A-Za-z0-9_-]{1,64}, unique, and a unique        --mount=type=secret,id= (no ',' '='), run.sh
//	                            DOCKERGEN_SECRET_<ID> variable                   "id=ID,src=..." (double quotes, no $ possible),
//	                                                                             compose (yamlstr; bare as a key, see above)
//	build.secrets[].target      absolute, clean, [A-Za-z0-9._@+/-] only          the --mount flag (no ',' possible)
//	build.secrets[].src         [A-Za-z0-9._@+/-]+ after an optional ~/, no      run.sh inside "${VAR:-src}" (no $ } " possible;
//	                            leading '-'                                      ~/ becomes $HOME/), compose (yamlstr)
//	user.uid, user.gid          1-2147483646 (0 is root)                         USER uid:gid, --user, compose (yamlstr)
//	healthcheck.path            /[A-Za-z0-9._~/?&=%-]*                           a JS or Python single-quoted string inside a
//	                                                                             JSON array: no ' or \ possible
//	healthcheck durations       N(ms|s|m|h), 1s-24h; retries 1-100               HEALTHCHECK flags
//	writable                    absolute, clean, not /, unique,                  --tmpfs path:options (no ':' or ','),
//	                            [A-Za-z0-9._@+/-] only                           compose (yamlstr)
//	resources.memory            [1-9][0-9]*[bkmg]?, at least 6m                  run.sh (ShellQuote), compose (yamlstr)
//	resources.cpus              N or N.N, no leading zero, at least 0.01         run.sh, compose as a bare number (a leading
//	                                                                             zero would be octal to YAML)
//	resources.pids              1-4194304                                        run.sh, compose
//	digests.*                   sha256:<64 lower-case hex>                       FROM image@digest
//	notSecrets                  each names a scanned field the spec has          nothing (it only tunes the secret scan)
//
// Options.SpecFile (the spec's path, from the command line) is not part of
// the spec and is today neither validated nor encoded: it reaches comments
// of the Dockerfile, run.sh and compose.yaml and a pattern line of
// .dockerignore as is. See TestSpecFileInjection.
//
// Secrets: see secrets.go. Paths: workdir, writable and secret targets are
// absolute and clean (no "..", "//" or trailing "/"); main may not climb out
// of the build context; output names are plain file names (the CLI's
// writeFiles refuses any other).
