// The Go SDK v2 side of bench/run: CreateBucket, then N x PutObject (1 KiB),
// GetObject and HeadObject, then ListObjectsV2 over those N keys at 100 per
// page, on one keep-alive connection against the endpoint in
// STRATUS_TEST_S3RVER_ENDPOINT. Prints one JSON line (see ../README.md).
// With the argument "dynamodb", the DynamoDB phase instead (dynamodb.go); with
// "listing", the listing phase (listing.go).
//
// Built offline from Debian's sources (golang-github-aws-aws-sdk-go-v2-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o s3bench ./bench/runtime/go
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var start = time.Now() // package initialisation of the SDK runs before this

type opResult struct {
	CPUus    float64 `json:"cpu_us"`
	WallUs   float64 `json:"wall_us"`
	Requests int     `json:"requests"`
}

const (
	page       = 100 // ListObjectsV2 MaxKeys in the measured pass
	warmupPage = 10  // in the warm-up pass, so that it follows a continuation token too
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fail("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go: "+format+"\n", args...)
	os.Exit(1)
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			fail("%s=%q is not a count", name, v)
		}
		return n
	}
	return def
}

// body returns the 1 KiB object stored under key i: distinct per key, so a
// GET that returns the wrong object is caught.
func body(i int) []byte {
	b := make([]byte, 1024)
	tag := fmt.Sprintf("object-%08d;", i)
	for j := range b {
		b[j] = tag[j%len(tag)]
	}
	return b
}

// measureOp runs op(prefix, i) for i in [0, n): CPU and wall time per request.
func measureOp(n int, prefix string, op func(string, int)) opResult {
	c0, w0 := cpuNow(), time.Now()
	for i := 0; i < n; i++ {
		op(prefix, i)
	}
	wall, cpu := time.Since(w0), cpuNow()-c0
	return opResult{CPUus: float64(cpu.Nanoseconds()) / 1e3 / float64(n), WallUs: float64(wall.Nanoseconds()) / 1e3 / float64(n), Requests: n}
}

// settings returns the endpoint, N, the warm-up count and the bucket or table
// name from the environment.
func settings(endpointVariable, nameVariable, defaultName string) (string, int, int, string) {
	endpoint := os.Getenv(endpointVariable)
	if endpoint == "" {
		fail("%s is not set (run through bench/run)", endpointVariable)
	}
	n := envInt("BENCH_N", 1000)
	if n == 0 {
		fail("BENCH_N must be at least 1")
	}
	name := os.Getenv(nameVariable)
	if name == "" {
		name = defaultName
	}
	return endpoint, n, envInt("BENCH_WARMUP", 20), name
}

// loadConfig: region us-east-1, a static key pair, one connection.
func loadConfig(ctx context.Context, keyID, secret string) aws.Config {
	// One connection: sequential calls reuse it; MaxConnsPerHost makes that explicit.
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxConnsPerHost = 1
		t.MaxIdleConnsPerHost = 1
	})
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(keyID, secret, "")),
		config.WithHTTPClient(httpClient))
	if err != nil {
		fail("config: %v", err)
	}
	return cfg
}

func key(prefix string, i int) string { return fmt.Sprintf("%s/%08d", prefix, i) }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "dynamodb" {
		dynamodbMain() // bench/run's DynamoDB phase (dynamodb.go)
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "listing" {
		listingMain() // bench/run's listing phase (listing.go)
		return
	}
	endpoint, n, warmup, bucket := settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_BUCKET", "bench-go")
	ctx := context.Background()
	// s3rver's built-in key pair: it checks the key id exists.
	cfg := loadConfig(ctx, "S3RVER", "S3RVER")
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = true
		// This SDK release predates Options.BaseEndpoint; a URL resolver is its equivalent.
		o.EndpointResolver = s3.EndpointResolverFromURL(endpoint)
	})
	startupMs := float64(time.Since(start).Nanoseconds()) / 1e6
	readyUnixNs := time.Now().UnixNano()
	startupCPUus := float64(cpuNow().Nanoseconds()) / 1e3 // the process's CPU from exec to here

	t := time.Now()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		fail("CreateBucket: %v", err)
	}
	firstCallMs := float64(time.Since(t).Nanoseconds()) / 1e6

	put := func(prefix string, i int) {
		_, err := client.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String(key(prefix, i)), Body: bytes.NewReader(body(i))})
		if err != nil {
			fail("PutObject %s: %v", key(prefix, i), err)
		}
	}
	get := func(prefix string, i int) {
		out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key(prefix, i))})
		if err != nil {
			fail("GetObject %s: %v", key(prefix, i), err)
		}
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil {
			fail("GetObject %s: reading the body: %v", key(prefix, i), err)
		}
		if !bytes.Equal(got, body(i)) {
			fail("GetObject %s: body differs from what was put (%d bytes)", key(prefix, i), len(got))
		}
	}
	head := func(prefix string, i int) {
		out, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key(prefix, i))})
		if err != nil {
			fail("HeadObject %s: %v", key(prefix, i), err)
		}
		if out.ContentLength != 1024 {
			fail("HeadObject %s: Content-Length %d, want 1024", key(prefix, i), out.ContentLength)
		}
	}

	// Every key under prefix/, pageSize per page, following continuation tokens.
	listKeys := func(prefix string, pageSize, count int) (keys []string, pages int) {
		var token *string
		for {
			out, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
				Bucket: aws.String(bucket), Prefix: aws.String(prefix + "/"), MaxKeys: int32(pageSize), ContinuationToken: token})
			if err != nil {
				fail("ListObjectsV2 %s/: %v", prefix, err)
			}
			pages++
			if len(out.Contents) > pageSize {
				fail("ListObjectsV2 %s/: page %d has %d keys, more than %d", prefix, pages, len(out.Contents), pageSize)
			}
			for _, obj := range out.Contents {
				keys = append(keys, aws.ToString(obj.Key))
			}
			if !out.IsTruncated {
				return keys, pages
			}
			token = out.NextContinuationToken
			if token == nil || *token == "" {
				fail("ListObjectsV2 %s/: page %d is truncated but has no NextContinuationToken", prefix, pages)
			}
			if pages > count/pageSize+1 {
				fail("ListObjectsV2 %s/: more than %d pages for %d keys", prefix, pages, count)
			}
		}
	}
	checkListing := func(prefix string, count, pageSize int, keys []string, pages int) {
		same := len(keys) == count
		for i := 0; same && i < count; i++ {
			same = keys[i] == key(prefix, i)
		}
		if !same {
			detail := ""
			if len(keys) == count {
				detail = " (same count, different keys or order)"
			}
			fail("ListObjectsV2 %s/: listed %d keys, want the %d that were put%s", prefix, len(keys), count, detail)
		}
		want := (count + pageSize - 1) / pageSize
		if want == 0 {
			want = 1
		}
		if pages != want {
			fail("ListObjectsV2 %s/: %d pages for %d keys at %d a page", prefix, pages, count, pageSize)
		}
	}

	// Warm-up on keys of their own, not measured.
	for _, op := range []func(string, int){put, get, head} {
		for i := 0; i < warmup; i++ {
			op("warmup", i)
		}
	}
	if warmup > 0 {
		keys, pages := listKeys("warmup", warmupPage, warmup)
		checkListing("warmup", warmup, warmupPage, keys, pages)
	}
	measure := func(op func(string, int)) opResult { return measureOp(n, "obj", op) }
	ops := map[string]opResult{}
	ops["put"] = measure(put)
	ops["get"] = measure(get)
	ops["head"] = measure(head)
	{
		// One pass over the N keys; each page is a request.
		c0, w0 := cpuNow(), time.Now()
		keys, pages := listKeys("obj", page, n)
		wall, cpu := time.Since(w0), cpuNow()-c0
		checkListing("obj", n, page, keys, pages)
		ops["list"] = opResult{CPUus: float64(cpu.Nanoseconds()) / 1e3 / float64(pages), WallUs: float64(wall.Nanoseconds()) / 1e3 / float64(pages), Requests: pages}
	}

	line, _ := json.Marshal(map[string]any{
		"client": "go", "sdk": aws.SDKName + " " + aws.SDKVersion + " (" + runtime.Version() + ")", "n": n, "warmup": warmup,
		"startup_ms": startupMs, "startup_cpu_us": startupCPUus, "first_call_ms": firstCallMs, "ready_unix_ns": readyUnixNs, "ops": ops})
	fmt.Println(string(line))
}
