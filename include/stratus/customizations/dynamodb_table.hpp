// boto3's DynamoDB Table, the hand-written half: PutItem, GetItem,
// DeleteItem, UpdateItem, Query and Scan with native values (items, keys,
// ExpressionAttributeValues and the items that come back are
// std::map<std::string, value>, as boto3's Table takes and returns Python
// dicts), and batch_writer(), boto3's BatchWriter.
//
//   auto table = ddb.table("music");                 // the generated resource
//   table.put_item({.item = {{"pk", "a"}, {"n", 3}}});
//   auto got = table.get_item({.key = {{"pk", "a"}}});
//   if (got.item) int n = ddb::get<int>(*got.item, "n");
//   auto q = table.query({.key_condition_expression = "pk = :p",
//                         .expression_attribute_values = {{":p", "a"}}});
//   {
//       auto w = table.batch_writer({.overwrite_by_pkeys = {"pk"}});
//       for (auto const& it : many) w.put_item(it);
//       w.flush();                                   // errors here reach you; in the destructor they are lost
//   }
//
// The generated resource class stratus::services::dynamodb::resources::table
// derives from table_extension<table>; the generated header includes this one
// after its client class, so everything here may use the generated shapes and
// the client. Included first on its own, it brings in the generated header
// (through customizations/dynamodb.hpp) before its include guard, so either
// order works.
#include <stratus/customizations/dynamodb.hpp>

#ifndef STRATUS_CUSTOMIZATIONS_DYNAMODB_TABLE_HPP
#define STRATUS_CUSTOMIZATIONS_DYNAMODB_TABLE_HPP

#include <stratus/error.hpp>
#include <stratus/model.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stratus::services::dynamodb {

/// An item, a key or a set of expression values, as native values.
using native_item = value::map;

// The parameters of the Table actions: the operation's input without
// TableName (the resource's name) and with native values where the
// operation takes AttributeValues. The legacy parameters (Expected,
// AttributesToGet, KeyConditions, QueryFilter, ScanFilter, AttributeUpdates,
// ConditionalOperator) are left out: the client's own calls still take them.
// Members are named and ordered as in the operation's input.

struct table_put_item_params {
    required<native_item> item;
    std::optional<::stratus::services::dynamodb::return_value> return_values{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<::stratus::services::dynamodb::return_item_collection_metrics> return_item_collection_metrics{};
    std::optional<std::string> condition_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
    optional_container<native_item> expression_attribute_values{};
    std::optional<::stratus::services::dynamodb::return_values_on_condition_check_failure>
        return_values_on_condition_check_failure{};
};

/// PutItem, DeleteItem and UpdateItem answer the same way.
struct table_write_output {
    /// What ReturnValues asked for; empty when it asked for nothing or there was nothing.
    native_item attributes{};
    std::optional<::stratus::services::dynamodb::consumed_capacity> consumed_capacity{};
    std::optional<::stratus::services::dynamodb::item_collection_metrics> item_collection_metrics{};
};
using table_put_item_output = table_write_output;
using table_delete_item_output = table_write_output;
using table_update_item_output = table_write_output;

struct table_get_item_params {
    required<native_item> key;
    std::optional<bool> consistent_read{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<std::string> projection_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
};

struct table_get_item_output {
    /// The item; none when no item has that key (boto3's response without 'Item').
    std::optional<native_item> item{};
    std::optional<::stratus::services::dynamodb::consumed_capacity> consumed_capacity{};
};

struct table_delete_item_params {
    required<native_item> key;
    std::optional<::stratus::services::dynamodb::return_value> return_values{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<::stratus::services::dynamodb::return_item_collection_metrics> return_item_collection_metrics{};
    std::optional<std::string> condition_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
    optional_container<native_item> expression_attribute_values{};
    std::optional<::stratus::services::dynamodb::return_values_on_condition_check_failure>
        return_values_on_condition_check_failure{};
};

struct table_update_item_params {
    required<native_item> key;
    std::optional<::stratus::services::dynamodb::return_value> return_values{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<::stratus::services::dynamodb::return_item_collection_metrics> return_item_collection_metrics{};
    std::optional<std::string> update_expression{};
    std::optional<std::string> condition_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
    optional_container<native_item> expression_attribute_values{};
    std::optional<::stratus::services::dynamodb::return_values_on_condition_check_failure>
        return_values_on_condition_check_failure{};
};

struct table_query_params {
    std::optional<std::string> index_name{};
    std::optional<::stratus::services::dynamodb::select> select{};
    std::optional<std::int32_t> limit{};
    std::optional<bool> consistent_read{};
    std::optional<bool> scan_index_forward{};
    /// Where to continue: the last_evaluated_key of the previous page.
    optional_container<native_item> exclusive_start_key{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<std::string> projection_expression{};
    std::optional<std::string> filter_expression{};
    std::optional<std::string> key_condition_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
    optional_container<native_item> expression_attribute_values{};
};

struct table_scan_params {
    std::optional<std::string> index_name{};
    std::optional<std::int32_t> limit{};
    std::optional<::stratus::services::dynamodb::select> select{};
    /// Where to continue: the last_evaluated_key of the previous page.
    optional_container<native_item> exclusive_start_key{};
    std::optional<::stratus::services::dynamodb::return_consumed_capacity> return_consumed_capacity{};
    std::optional<std::int32_t> total_segments{};
    std::optional<std::int32_t> segment{};
    std::optional<std::string> projection_expression{};
    std::optional<std::string> filter_expression{};
    optional_container<std::map<std::string, std::string>> expression_attribute_names{};
    optional_container<native_item> expression_attribute_values{};
    std::optional<bool> consistent_read{};
};

/// Query and Scan answer the same way.
struct table_read_output {
    std::vector<native_item> items{};
    std::optional<std::int32_t> count{};
    std::optional<std::int32_t> scanned_count{};
    /// Set when there is more: pass it as the next call's exclusive_start_key.
    optional_container<native_item> last_evaluated_key{};
    std::optional<::stratus::services::dynamodb::consumed_capacity> consumed_capacity{};
};
using table_query_output = table_read_output;
using table_scan_output = table_read_output;

/// How a batch writer buffers, deduplicates and retries.
struct batch_writer_options {
    /// boto3's overwrite_by_pkeys: the key attributes (usually the table's
    /// hash and range keys). A request whose values for them equal those of
    /// a buffered request replaces it, so one batch never holds two requests
    /// for one key (which DynamoDB refuses). Empty: no deduplication.
    /// Numbers compare by their text (3 and 3.0 written from C++ values are
    /// both "3"; ddb::number("3.0") is not).
    std::vector<std::string> overwrite_by_pkeys{};
    /// Requests per BatchWriteItem call, 1 to 25 (DynamoDB's limit).
    std::size_t flush_amount = 25;
    /// A call that leaves every request it sent unprocessed makes no
    /// progress; the writer waits (unprocessed_backoff, doubled each time up
    /// to 64 times it) and tries again, and after this many such calls in a
    /// row gives up with an error, keeping the requests buffered.
    int max_stalled_calls = 8;
    std::chrono::milliseconds unprocessed_backoff{50};
};

/// boto3's BatchWriter: put_item and delete_item are buffered and sent in
/// BatchWriteItem calls of flush_amount requests; requests DynamoDB leaves
/// unprocessed go back to the front of the buffer and are sent again.
///
/// Sending happens when the buffer reaches flush_amount (one call), on
/// flush() (until the buffer is empty) and in the destructor. The
/// destructor cannot throw: an error there is lost, with the requests it
/// could not send, so call flush() before the writer goes away to see
/// errors. When a call fails, its requests stay buffered (flush() again
/// retries them; clear() drops them).
///
/// Client: anything with try_batch_write_item(batch_write_item_input const&)
/// returning result<batch_write_item_output> (the generated client).
template <class Client>
class basic_table_batch_writer {
public:
    /// errc::invalid_parameter when options.flush_amount is not 1 to 25.
    basic_table_batch_writer(Client client, std::string table_name, batch_writer_options options = {});
    basic_table_batch_writer(basic_table_batch_writer&& other) noexcept;
    basic_table_batch_writer(basic_table_batch_writer const&) = delete;
    basic_table_batch_writer& operator=(basic_table_batch_writer const&) = delete;
    basic_table_batch_writer& operator=(basic_table_batch_writer&&) = delete;
    /// Best effort: sends what is buffered, swallowing any error.
    ~basic_table_batch_writer();

    /// Buffers a PutRequest. errc::invalid_parameter, naming the attribute,
    /// when the item lacks one of overwrite_by_pkeys or holds a value
    /// DynamoDB cannot (to_attribute's rules).
    void put_item(native_item const& item);
    /// Buffers a DeleteRequest; the same errors as put_item.
    void delete_item(native_item const& key);
    /// Sends everything buffered; throws the first error (the client's
    /// typed errors), the requests not yet sent staying buffered.
    void flush();
    /// Drops everything buffered without sending it.
    void clear() noexcept { buffer_.clear(); }
    /// How many requests are buffered.
    std::size_t pending() const noexcept { return buffer_.size(); }

private:
    void add(write_request request, char const* what);
    void send_one_batch();

    Client client_;
    std::string table_name_;
    batch_writer_options options_;
    std::vector<write_request> buffer_;
    int stalled_ = 0;
};

using table_batch_writer = basic_table_batch_writer<client>;

/// The Table actions boto3 writes by hand, for a resource class Table with
/// meta().client() (the dynamodb client) and name() (the table name); the
/// generated resources::table derives from table_extension<table>.
///
/// Every action has a throwing form and a try_ form returning result<>.
/// Errors are the client's: a failed ConditionExpression throws
/// conditional_check_failed_exception; a value DynamoDB cannot hold (an
/// empty set, NaN) is errc::invalid_parameter before anything is sent.
template <class Table>
class table_extension {
public:
    using put_item_params = table_put_item_params;
    using get_item_params = table_get_item_params;
    using delete_item_params = table_delete_item_params;
    using update_item_params = table_update_item_params;
    using query_params = table_query_params;
    using scan_params = table_scan_params;

    /// PutItem: table.put_item({.item = {{"pk", "a"}, {"n", 3}}}).
    table_write_output put_item(table_put_item_params const& p) const { return or_throw(try_put_item(p)); }
    result<table_write_output> try_put_item(table_put_item_params const& p) const;

    /// GetItem: table.get_item({.key = {{"pk", "a"}}}).item, none when absent.
    table_get_item_output get_item(table_get_item_params const& p) const { return or_throw(try_get_item(p)); }
    result<table_get_item_output> try_get_item(table_get_item_params const& p) const;

    /// DeleteItem: table.delete_item({.key = {{"pk", "a"}}}).
    table_write_output delete_item(table_delete_item_params const& p) const { return or_throw(try_delete_item(p)); }
    result<table_write_output> try_delete_item(table_delete_item_params const& p) const;

    /// UpdateItem: table.update_item({.key = ..., .update_expression = "SET n = :n",
    /// .expression_attribute_values = {{":n", 4}}}).
    table_write_output update_item(table_update_item_params const& p) const { return or_throw(try_update_item(p)); }
    result<table_write_output> try_update_item(table_update_item_params const& p) const;

    /// Query, one page: table.query({.key_condition_expression = "pk = :p",
    /// .expression_attribute_values = {{":p", "a"}}}).
    table_read_output query(table_query_params const& p) const { return or_throw(try_query(p)); }
    result<table_read_output> try_query(table_query_params const& p) const;

    /// Scan, one page.
    table_read_output scan(table_scan_params const& p = {}) const { return or_throw(try_scan(p)); }
    result<table_read_output> try_scan(table_scan_params const& p = {}) const;

    /// boto3's Table.batch_writer(overwrite_by_pkeys=...).
    basic_table_batch_writer<client> batch_writer(batch_writer_options options = {}) const;

private:
    Table const& self() const noexcept { return static_cast<Table const&>(*this); }
    template <class T>
    static T or_throw(result<T> r)
    {
        if (!r) throw_error(std::move(r).error());
        return std::move(*r);
    }
};

} // namespace stratus::services::dynamodb

#include <stratus/customizations/impl/dynamodb_table.hpp>

#endif
