#ifndef STRATUS_CUSTOMIZATIONS_IMPL_DYNAMODB_TABLE_HPP
#define STRATUS_CUSTOMIZATIONS_IMPL_DYNAMODB_TABLE_HPP

#include <algorithm>
#include <iterator>
#include <thread>

namespace stratus::services::dynamodb {

namespace table_detail {

using wire_item = std::map<std::string, attribute_value>;

inline wire_item to_wire(native_item const& in)
{
    wire_item out;
    for (auto const& [k, v] : in) out.emplace(k, to_attribute(v));
    return out;
}

inline optional_container<wire_item> to_wire(optional_container<native_item> const& in)
{
    if (!in) return {};
    return to_wire(*in);
}

inline native_item from_wire(wire_item const& in)
{
    native_item out;
    for (auto const& [k, a] : in) out.emplace(k, from_attribute(a));
    return out;
}

// PutItemOutput, DeleteItemOutput and UpdateItemOutput have the same members.
template <class Output>
table_write_output write_output(Output const& o)
{
    return {.attributes = from_wire(o.attributes),
            .consumed_capacity = o.consumed_capacity,
            .item_collection_metrics = o.item_collection_metrics};
}

// So do QueryOutput and ScanOutput.
template <class Output>
table_read_output read_output(Output const& o)
{
    table_read_output out{.count = o.count, .scanned_count = o.scanned_count, .consumed_capacity = o.consumed_capacity};
    out.items.reserve(o.items.size());
    for (auto const& i : o.items) out.items.push_back(from_wire(i));
    // An empty LastEvaluatedKey is no key: DynamoDB omits it on the last page.
    if (!o.last_evaluated_key.empty()) out.last_evaluated_key = from_wire(o.last_evaluated_key);
    return out;
}

// Runs `call` (which converts native values, sends and converts back) and
// turns a conversion error thrown on the way (an empty set, NaN, an
// AttributeValue with no type in the response) into the try_ form's error.
template <class T, class Call>
result<T> guarded(Call&& call)
{
    try {
        auto r = call();
        if (!r) return std::move(r).error();
        return std::move(*r);
    } catch (stratus::error const& e) {
        return e.info();
    }
}

[[noreturn]] inline void refuse(std::string message)
{
    throw_error(make_error(errc::invalid_parameter, std::move(message)));
}

} // namespace table_detail

template <class Table>
result<table_write_output> table_extension<Table>::try_put_item(table_put_item_params const& p) const
{
    return table_detail::guarded<table_write_output>([&]() -> result<table_write_output> {
        auto r = self().meta().client().try_put_item({
            .table_name = self().name(),
            .item = table_detail::to_wire(*p.item),
            .return_values = p.return_values,
            .return_consumed_capacity = p.return_consumed_capacity,
            .return_item_collection_metrics = p.return_item_collection_metrics,
            .condition_expression = p.condition_expression,
            .expression_attribute_names = p.expression_attribute_names,
            .expression_attribute_values = table_detail::to_wire(p.expression_attribute_values),
            .return_values_on_condition_check_failure = p.return_values_on_condition_check_failure,
        });
        if (!r) return std::move(r).error();
        return table_detail::write_output(*r);
    });
}

template <class Table>
result<table_get_item_output> table_extension<Table>::try_get_item(table_get_item_params const& p) const
{
    return table_detail::guarded<table_get_item_output>([&]() -> result<table_get_item_output> {
        auto r = self().meta().client().try_get_item({
            .table_name = self().name(),
            .key = table_detail::to_wire(*p.key),
            .consistent_read = p.consistent_read,
            .return_consumed_capacity = p.return_consumed_capacity,
            .projection_expression = p.projection_expression,
            .expression_attribute_names = p.expression_attribute_names,
        });
        if (!r) return std::move(r).error();
        table_get_item_output out{.consumed_capacity = r->consumed_capacity};
        // The generated output cannot tell a missing Item from an empty one;
        // an item always has its key attributes, so empty means none.
        if (!r->item.empty()) out.item = table_detail::from_wire(r->item);
        return out;
    });
}

template <class Table>
result<table_write_output> table_extension<Table>::try_delete_item(table_delete_item_params const& p) const
{
    return table_detail::guarded<table_write_output>([&]() -> result<table_write_output> {
        auto r = self().meta().client().try_delete_item({
            .table_name = self().name(),
            .key = table_detail::to_wire(*p.key),
            .return_values = p.return_values,
            .return_consumed_capacity = p.return_consumed_capacity,
            .return_item_collection_metrics = p.return_item_collection_metrics,
            .condition_expression = p.condition_expression,
            .expression_attribute_names = p.expression_attribute_names,
            .expression_attribute_values = table_detail::to_wire(p.expression_attribute_values),
            .return_values_on_condition_check_failure = p.return_values_on_condition_check_failure,
        });
        if (!r) return std::move(r).error();
        return table_detail::write_output(*r);
    });
}

template <class Table>
result<table_write_output> table_extension<Table>::try_update_item(table_update_item_params const& p) const
{
    return table_detail::guarded<table_write_output>([&]() -> result<table_write_output> {
        auto r = self().meta().client().try_update_item({
            .table_name = self().name(),
            .key = table_detail::to_wire(*p.key),
            .return_values = p.return_values,
            .return_consumed_capacity = p.return_consumed_capacity,
            .return_item_collection_metrics = p.return_item_collection_metrics,
            .update_expression = p.update_expression,
            .condition_expression = p.condition_expression,
            .expression_attribute_names = p.expression_attribute_names,
            .expression_attribute_values = table_detail::to_wire(p.expression_attribute_values),
            .return_values_on_condition_check_failure = p.return_values_on_condition_check_failure,
        });
        if (!r) return std::move(r).error();
        return table_detail::write_output(*r);
    });
}

template <class Table>
result<table_read_output> table_extension<Table>::try_query(table_query_params const& p) const
{
    return table_detail::guarded<table_read_output>([&]() -> result<table_read_output> {
        auto r = self().meta().client().try_query({
            .table_name = self().name(),
            .index_name = p.index_name,
            .select = p.select,
            .limit = p.limit,
            .consistent_read = p.consistent_read,
            .scan_index_forward = p.scan_index_forward,
            .exclusive_start_key = table_detail::to_wire(p.exclusive_start_key),
            .return_consumed_capacity = p.return_consumed_capacity,
            .projection_expression = p.projection_expression,
            .filter_expression = p.filter_expression,
            .key_condition_expression = p.key_condition_expression,
            .expression_attribute_names = p.expression_attribute_names,
            .expression_attribute_values = table_detail::to_wire(p.expression_attribute_values),
        });
        if (!r) return std::move(r).error();
        return table_detail::read_output(*r);
    });
}

template <class Table>
result<table_read_output> table_extension<Table>::try_scan(table_scan_params const& p) const
{
    return table_detail::guarded<table_read_output>([&]() -> result<table_read_output> {
        auto r = self().meta().client().try_scan({
            .table_name = self().name(),
            .index_name = p.index_name,
            .limit = p.limit,
            .select = p.select,
            .exclusive_start_key = table_detail::to_wire(p.exclusive_start_key),
            .return_consumed_capacity = p.return_consumed_capacity,
            .total_segments = p.total_segments,
            .segment = p.segment,
            .projection_expression = p.projection_expression,
            .filter_expression = p.filter_expression,
            .expression_attribute_names = p.expression_attribute_names,
            .expression_attribute_values = table_detail::to_wire(p.expression_attribute_values),
            .consistent_read = p.consistent_read,
        });
        if (!r) return std::move(r).error();
        return table_detail::read_output(*r);
    });
}

template <class Table>
basic_table_batch_writer<client> table_extension<Table>::batch_writer(batch_writer_options options) const
{
    return basic_table_batch_writer<client>(self().meta().client(), self().name(), std::move(options));
}

template <class Client>
basic_table_batch_writer<Client>::basic_table_batch_writer(Client client, std::string table_name,
                                                           batch_writer_options options)
    : client_(std::move(client)), table_name_(std::move(table_name)), options_(std::move(options))
{
    if (options_.flush_amount < 1 || options_.flush_amount > 25)
        table_detail::refuse("batch_writer: flush_amount: must be 1 to 25 (BatchWriteItem's limit), not " +
                             std::to_string(options_.flush_amount));
    if (options_.max_stalled_calls < 1)
        table_detail::refuse("batch_writer: max_stalled_calls: must be at least 1, not " +
                             std::to_string(options_.max_stalled_calls));
}

// std::vector's move constructor leaves the source empty, so the moved-from
// writer's destructor sends nothing.
template <class Client>
basic_table_batch_writer<Client>::basic_table_batch_writer(basic_table_batch_writer&& other) noexcept = default;

template <class Client>
basic_table_batch_writer<Client>::~basic_table_batch_writer()
{
    try {
        flush();
    } catch (...) {
        // Documented: errors of the destructor's flush are lost.
    }
}

template <class Client>
void basic_table_batch_writer<Client>::put_item(native_item const& item)
{
    write_request r;
    r.put_request = put_request{.item = table_detail::to_wire(item)};
    add(std::move(r), "put_item");
}

template <class Client>
void basic_table_batch_writer<Client>::delete_item(native_item const& key)
{
    write_request r;
    r.delete_request = delete_request{.key = table_detail::to_wire(key)};
    add(std::move(r), "delete_item");
}

template <class Client>
void basic_table_batch_writer<Client>::add(write_request request, char const* what)
{
    if (!options_.overwrite_by_pkeys.empty()) {
        auto const& attrs = [](write_request const& w) -> table_detail::wire_item const& {
            return w.put_request ? w.put_request->item : w.delete_request->key;
        };
        auto const& mine = attrs(request);
        for (auto const& k : options_.overwrite_by_pkeys)
            if (!mine.contains(k))
                table_detail::refuse(std::string("batch_writer.") + what + ": overwrite_by_pkeys names \"" + k +
                                     "\", which the " + (request.put_request ? "item" : "key") + " lacks");
        // boto3's _remove_dup_pkeys_request_if_any: the newer request wins.
        // Compared as native values, so two spellings of one attribute value
        // (an unprocessed request as DynamoDB echoed it) still match.
        std::erase_if(buffer_, [&](write_request const& old) {
            auto const& theirs = attrs(old);
            return std::all_of(options_.overwrite_by_pkeys.begin(), options_.overwrite_by_pkeys.end(),
                               [&](std::string const& k) {
                                   auto it = theirs.find(k);
                                   return it != theirs.end() &&
                                          from_attribute(it->second) == from_attribute(mine.at(k));
                               });
        });
    }
    buffer_.push_back(std::move(request));
    if (buffer_.size() >= options_.flush_amount) send_one_batch();
}

template <class Client>
void basic_table_batch_writer<Client>::flush()
{
    while (!buffer_.empty()) send_one_batch();
}

template <class Client>
void basic_table_batch_writer<Client>::send_one_batch()
{
    auto const n = std::min(options_.flush_amount, buffer_.size());
    auto const first = buffer_.begin(), last = buffer_.begin() + static_cast<std::ptrdiff_t>(n);
    batch_write_item_input in{.request_items = std::map<std::string, std::vector<write_request>>{
                                  {table_name_, std::vector<write_request>(std::make_move_iterator(first),
                                                                           std::make_move_iterator(last))}}};
    buffer_.erase(first, last);
    // Back to the front of the buffer, not the end as boto3 does: they are
    // older than anything still buffered, so without overwrite_by_pkeys two
    // writes of one key keep their order.
    auto requeue = [&](std::vector<write_request>& requests) {
        buffer_.insert(buffer_.begin(), std::make_move_iterator(requests.begin()),
                       std::make_move_iterator(requests.end()));
    };
    auto r = client_.try_batch_write_item(in);
    if (!r) {
        requeue(in.request_items->at(table_name_));
        throw_error(std::move(r).error());
    }
    std::size_t left = 0;
    if (auto it = r->unprocessed_items.find(table_name_); it != r->unprocessed_items.end()) {
        left = it->second.size();
        requeue(it->second);
    }
    if (left == 0 || left < n) {
        stalled_ = 0;
        return;
    }
    if (++stalled_ >= options_.max_stalled_calls) {
        stalled_ = 0;
        throw_error(make_error(errc::service_error,
                               "batch_writer: BatchWriteItem left all " + std::to_string(n) +
                                   " requests unprocessed " + std::to_string(options_.max_stalled_calls) +
                                   " times in a row; they stay buffered",
                               "BatchWriteItem"));
    }
    std::this_thread::sleep_for(options_.unprocessed_backoff * (1 << std::min(stalled_ - 1, 6)));
}

} // namespace stratus::services::dynamodb

#endif
