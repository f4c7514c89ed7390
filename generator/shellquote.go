package generator

// ShellQuote returns s as one POSIX shell word: unchanged when it has only
// safe characters (letters, digits and _@%+=:,./-), otherwise single-quoted
// with each ' written as '\''. It is the one shell-quoting function: run.sh
// and the CLI's printed commands both use it.
func ShellQuote(s string) string { return shQuote(s) }
