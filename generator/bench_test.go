package generator_test

import (
	"testing"

	"github.com/dockergen/dockergen/generator"
)

// BenchmarkGenerate measures one full generation, re-parsing included, of
// the built-in example of each stack.
func BenchmarkGenerate(b *testing.B) {
	for _, st := range generator.Stacks() {
		spec, err := generator.ExampleSpec(st)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(st, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.Generate(spec, generator.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadSpec measures decoding, defaulting and validating a spec.
func BenchmarkLoadSpec(b *testing.B) {
	data := []byte("apiVersion: dockergen/v1\nname: app\nstack: node\nversion: \"20\"\nports: [8080]\nhealthcheck:\n  path: /healthz\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.LoadSpec("dockergen.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
