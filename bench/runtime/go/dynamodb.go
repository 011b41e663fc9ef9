// The Go SDK v2 side of bench/run's DynamoDB phase (main.go runs it for the
// argument "dynamodb"): CreateTable (waiting until ACTIVE), then N x PutItem
// and N x GetItem (consistent reads) of items with a few attributes, on one
// keep-alive connection against the endpoint in STRATUS_TEST_DYNALITE_ENDPOINT.
// Prints one JSON line (see ../README.md).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// text returns 100 characters distinct per key.
func text(i int) string {
	b := make([]byte, 100)
	tag := fmt.Sprintf("value-%08d;", i)
	for j := range b {
		b[j] = tag[j%len(tag)]
	}
	return string(b)
}

func item(prefix string, i int) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":   &types.AttributeValueMemberS{Value: key(prefix, i)},
		"n":    &types.AttributeValueMemberN{Value: strconv.Itoa(i)},
		"text": &types.AttributeValueMemberS{Value: text(i)},
		"even": &types.AttributeValueMemberBOOL{Value: i%2 == 0},
	}
}

func dynamodbMain() {
	endpoint, n, warmup, table := settings("STRATUS_TEST_DYNALITE_ENDPOINT", "BENCH_TABLE", "bench-go")
	ctx := context.Background()
	// dynalite checks only that the Authorization header is well formed.
	cfg := loadConfig(ctx, "AKIABENCH", "bench-secret")
	client := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		// This SDK release predates Options.BaseEndpoint (main.go).
		o.EndpointResolver = dynamodb.EndpointResolverFromURL(endpoint)
	})
	startupMs := float64(time.Since(start).Nanoseconds()) / 1e6
	readyUnixNs := time.Now().UnixNano()
	startupCPUus := float64(cpuNow().Nanoseconds()) / 1e3 // the process's CPU from exec to here

	t := time.Now()
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		ProvisionedThroughput: &types.ProvisionedThroughput{
			ReadCapacityUnits: aws.Int64(1000), WriteCapacityUnits: aws.Int64(1000)},
	})
	if err != nil {
		fail("CreateTable: %v", err)
	}
	firstCallMs := float64(time.Since(t).Nanoseconds()) / 1e6
	for attempt := 0; ; attempt++ {
		out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			fail("DescribeTable: %v", err)
		}
		if out.Table.TableStatus == types.TableStatusActive {
			break
		}
		if attempt > 500 {
			fail("table %s is not ACTIVE after %d attempts", table, attempt)
		}
		time.Sleep(20 * time.Millisecond)
	}

	put := func(prefix string, i int) {
		if _, err := client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: item(prefix, i)}); err != nil {
			fail("PutItem %s: %v", key(prefix, i), err)
		}
	}
	get := func(prefix string, i int) {
		out, err := client.GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      aws.String(table),
			Key:            map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key(prefix, i)}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			fail("GetItem %s: %v", key(prefix, i), err)
		}
		if !reflect.DeepEqual(out.Item, item(prefix, i)) {
			fail("GetItem %s: the item differs from what was put (%d attributes)", key(prefix, i), len(out.Item))
		}
	}

	// Warm-up on keys of their own, not measured.
	for _, op := range []func(string, int){put, get} {
		for i := 0; i < warmup; i++ {
			op("warmup", i)
		}
	}

	ops := map[string]opResult{}
	ops["put_item"] = measureOp(n, "item", put)
	ops["get_item"] = measureOp(n, "item", get)

	line, _ := json.Marshal(map[string]any{
		"client": "go", "sdk": aws.SDKName + " " + aws.SDKVersion + " (" + runtime.Version() + ")", "n": n, "warmup": warmup,
		"startup_ms": startupMs, "startup_cpu_us": startupCPUus, "first_call_ms": firstCallMs, "ready_unix_ns": readyUnixNs, "ops": ops})
	fmt.Println(string(line))
}
