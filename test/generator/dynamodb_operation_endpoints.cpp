// The operationInputs of DynamoDB's endpoint tests through the DynamoDB
// header stratus-gen generates from testdata/models: account-based endpoints
// from the credentials' account id, the table ARN in DescribeTable's
// TableName (contextParam) and BatchGetItem's RequestItems keys
// (operationContextParams "keys(RequestItems)"). The call stops at
// endpoints::resolve_operation, which is what the endpoint tests describe
// (the request itself is the json engine's, tested elsewhere). The partition table
// is the build's (service-models/partitions.json).
//   stratus-dynamodb-operation-endpoints [-v] [FILE]
#include "../conformance/operation_endpoints.hpp"
#include "dynamodb_testdata.hpp"

#include <stratus/endpoints/operation_endpoint.hpp>

namespace ddb = stratus::services::dynamodb;
using namespace stratus::test::operation_endpoints;

namespace {

template <class Op>
stratus::result<call_target> resolve(stratus::client_context& ctx, typename Op::input const& in)
{
    auto ep = stratus::endpoints::resolve_operation(ctx, *ctx.service.endpoint_rules, Op::info,
                                                    stratus::protocol::make_input(in));
    if (!ep) return ep.error();
    auto sign = stratus::endpoints::signing_for(*ep);
    if (!sign) return sign.error();
    return call_target{ep->url, sign->name, sign->region, !sign->disable_double_encoding};
}

std::optional<stratus::result<call_target>> dispatch(stratus::client_context& ctx, std::string const& op,
                                                     boost::json::object const& params)
{
    std::string table = text(params, "TableName");
    if (op == "ListTables") return resolve<ddb::ops::list_tables>(ctx, {});
    if (op == "DescribeTable") return resolve<ddb::ops::describe_table>(ctx, {.table_name = table});
    if (op == "SearchVectors")
        return resolve<ddb::ops::search_vectors>(ctx, {.table_name = table,
                                                       .index_name = text(params, "IndexName"),
                                                       .search_vector = std::vector<ddb::attribute_value>{},
                                                       .top_k = 1});
    if (op == "BatchGetItem") {
        std::map<std::string, ddb::keys_and_attributes> items;
        if (auto const* ri = params.if_contains("RequestItems"))
            for (auto const& [name, v] : ri->as_object()) items[name] = {};
        return resolve<ddb::ops::batch_get_item>(ctx, {.request_items = items});
    }
    return std::nullopt;
}

// stratus's own case: operationContextParams with a projection and a
// multi-select ("TransactItems[*].[ConditionCheck.TableName, Put.TableName,
// Delete.TableName, Update.TableName][]"), which AWS's tests do not reach.
// boto3 1.43 sends this TransactWriteItems (an Update on a table of account
// 333333333333, then a Put on one of 222222222222) to
// https://333333333333.ddb.us-east-1.amazonaws.com/ (measured): the list is
// item by item, not all Puts before all Updates.
int transact_write_items_case()
{
    stratus::session s(stratus::session_options{.region_name = "us-east-1",
                                                .aws_access_key_id = "AKIDEXAMPLE",
                                                .aws_secret_access_key = "secret",
                                                .environment = stratus::environment::from_map({})});
    auto ctx = s.make_client_context(stratus::dynamodb::info, {});
    if (!ctx) return 1;
    std::vector<ddb::transact_write_item> items(2);
    items[0].update = ddb::update{.table_name = "arn:aws:dynamodb:us-east-1:333333333333:table/u"};
    items[1].put = ddb::put{.table_name = "arn:aws:dynamodb:us-east-1:222222222222:table/t"};
    auto r = resolve<ddb::ops::transact_write_items>(**ctx, {.transact_items = items});
    std::string got = r ? r->url : "error: " + r.error().message;
    bool ok = got == "https://333333333333.ddb.us-east-1.amazonaws.com";
    std::cout << (ok ? "  ok   " : "  FAIL ") << "TransactWriteItems routed by its first table ARN: " << got << "\n";
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    int own = transact_write_items_case();
    int vectors = run(argc, argv, "dynamodb", stratus::dynamodb::info, dispatch);
    return vectors != 0 ? vectors : own;
}
