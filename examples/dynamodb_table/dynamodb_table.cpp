// A DynamoDB table through the resource layer: created by the service
// resource, waited for, read through its attributes; items through the
// client under it. Run it with ./scripts/demo dynamodb_table.
//
//   python:  table = boto3.resource("dynamodb").create_table(...)
//            table.wait_until_exists(); print(table.item_count)
//   C++:     auto table = ddb.create_table({...});
//            table.wait_until_exists(); std::cout << *table.item_count();
#include <stratus/customizations/dynamodb.hpp>
#include <stratus/services/dynamodb.hpp>
#include <stratus/session.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace dynamodb = stratus::services::dynamodb;

int main(int argc, char** argv)
try {
    std::string const name = argc > 1 ? argv[1] : "stratus-table";

    stratus::session session{};
    auto ddb = session.resource<stratus::dynamodb>();

    // create_table on the service resource returns the table resource, with
    // the TableDescription CreateTable answered as its data.
    auto table = ddb.create_table(
        {.attribute_definitions = std::vector<dynamodb::attribute_definition>{{.attribute_name = "pk", .attribute_type = "S"}},
         .table_name = name,
         .key_schema = std::vector<dynamodb::key_schema_element>{{.attribute_name = "pk", .key_type = "HASH"}},
         .billing_mode = "PAY_PER_REQUEST"});
    table.wait_until_exists(); // the TableExists waiter: DescribeTable until ACTIVE
    table.reload();            // DescribeTable once more for the data the waiter saw
    std::cout << "table " << table.name() << " is " << table.table_status()->str() << '\n';

    // Items go through the client under the resource, with native values
    // turned into AttributeValues by to_item (boto3's TypeSerializer).
    auto const& client = table.meta().client();
    client.put_item({.table_name = table.name(), .item = dynamodb::to_item({{"pk", "a"}, {"n", 3}})});
    client.put_item({.table_name = table.name(), .item = dynamodb::to_item({{"pk", "b"}, {"n", 4}})});
    auto const got = client.get_item({.table_name = table.name(), .key = dynamodb::to_item({{"pk", "a"}})});
    std::cout << "item a: n = " << dynamodb::get<int>(got.item, "n") << '\n';

    // The table's actions fill in TableName: scan() is Scan on this table.
    std::cout << "scan: " << table.scan().count.value_or(0) << " items\n";

    table.reload(); // attributes are the data as last loaded
    std::cout << "item_count " << table.item_count().value_or(0) << ", arn " << table.table_arn().value_or("?") << '\n';

    std::cout << "tables:";
    for (auto const& t : ddb.tables().all()) std::cout << ' ' << t.name();
    std::cout << '\n';

    table.delete_();
    table.wait_until_not_exists();
    std::cout << "deleted " << table.name() << '\n';
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
}
