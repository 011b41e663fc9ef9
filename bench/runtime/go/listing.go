// The Go SDK v2 side of bench/run's listing phase (go-s3bench listing): lists
// the BENCH_LIST_N objects of BENCH_LIST_BUCKET (compare.py filled it) with
// the ListObjectsV2 paginator, on one keep-alive connection against
// STRATUS_TEST_S3RVER_ENDPOINT. The SDK has no resource layer and no
// ListObjects paginator, so this is its only API in the phase. One unmeasured
// pass, then BENCH_LIST_PASSES (default 3) measured passes. Prints one JSON
// line (../README.md).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const listingBodySize = 16 // compare.py puts "listing-%08d" under each key

type listed struct {
	key  string
	size int64
}

func listingMain() {
	endpoint, _, _, bucket := settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_LIST_BUCKET", "bench-listing")
	n := envInt("BENCH_LIST_N", 10000)
	passes := envInt("BENCH_LIST_PASSES", 3)
	if n == 0 || passes == 0 {
		fail("BENCH_LIST_N and BENCH_LIST_PASSES must be at least 1")
	}
	ctx := context.Background()
	cfg := loadConfig(ctx, "S3RVER", "S3RVER")
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = true
		o.EndpointResolver = s3.EndpointResolverFromURL(endpoint)
	})

	// One pass: every object's key and size, and the number of requests.
	list := func() ([]listed, int) {
		var objects []listed
		pages := 0
		p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				fail("ListObjectsV2 %s: %v", bucket, err)
			}
			pages++
			for _, obj := range out.Contents {
				objects = append(objects, listed{aws.ToString(obj.Key), obj.Size})
			}
		}
		return objects, pages
	}
	check := func(objects []listed) {
		if len(objects) != n {
			fail("ListObjectsV2 paginator: listed %d objects, want the %d in %s", len(objects), n, bucket)
		}
		for i, obj := range objects {
			if want := fmt.Sprintf("obj/%08d", i); obj.key != want {
				fail("ListObjectsV2 paginator: object %d is %s, want %s", i, obj.key, want)
			}
			if obj.size != listingBodySize {
				fail("ListObjectsV2 paginator: %s has size %d, want %d", obj.key, obj.size, listingBodySize)
			}
		}
	}

	objects, pages := list() // unmeasured
	check(objects)
	var cpu, wall time.Duration
	for i := 0; i < passes; i++ {
		c0, w0 := cpuNow(), time.Now()
		objects, got := list()
		wall += time.Since(w0)
		cpu += cpuNow() - c0
		check(objects)
		if got != pages {
			fail("ListObjectsV2 paginator: %d requests in one pass, %d in another", pages, got)
		}
	}
	reqs := pages * passes
	line, _ := json.Marshal(map[string]any{
		"client": "go", "sdk": aws.SDKName + " " + aws.SDKVersion + " (" + runtime.Version() + ")", "n": n,
		"ops": map[string]any{"list_objects_v2_pages": map[string]any{
			"cpu_us":   float64(cpu.Nanoseconds()) / 1e3 / float64(reqs),
			"wall_us":  float64(wall.Nanoseconds()) / 1e3 / float64(reqs),
			"requests": reqs, "passes": passes}}})
	fmt.Println(string(line))
}
