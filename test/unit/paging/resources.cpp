// The resource runtime apart from any service: the values the generated
// resource code writes into requests (detail/resource_values.hpp), how it
// makes resources from identifier values, resource_meta's rules and a
// collection over a scripted client (resource_collection.hpp).
#include <stratus/resource.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using stratus::errc;

template <class F>
stratus::error_info thrown(F&& f)
{
    try {
        f();
    } catch (stratus::error const& e) {
        return e.info();
    }
    FAIL("no stratus::error was thrown");
    return {};
}

struct filter {
    std::optional<std::string> name{};
    std::vector<std::string> values{};
};
struct request {
    stratus::required<std::string> bucket;
    std::optional<std::int32_t> max_keys{};
    std::optional<bool> flag{};
    stratus::optional_container<std::vector<filter>> filters{};
    stratus::optional_container<std::vector<std::string>> ids{};
};

} // namespace

TEST_CASE("resource values: identifiers, constants and data go into request members of any wrapper")
{
    using stratus::detail::assign;
    using stratus::detail::ensure;
    using stratus::detail::slot;
    request in{.bucket = std::string{}};
    assign(in.bucket, std::string("b"), "Bucket");
    CHECK(*in.bucket == "b");
    assign(in.max_keys, std::string("42"), "MaxKeys");
    CHECK(in.max_keys == 42);
    assign(in.max_keys, std::int64_t(7), "MaxKeys");
    CHECK(in.max_keys == 7);
    assign(in.flag, true, "Flag");
    CHECK(in.flag == true);
    // "Filters[0].Name", "Filters[0].Values[0]", then "Filters[1].Name".
    assign(slot(ensure(in.filters), 0).name, std::string_view("instance-id"), "Filters[0].Name");
    assign(slot(slot(ensure(in.filters), 0).values, 0), std::string("i-1"), "Filters[0].Values[0]");
    assign(slot(ensure(in.filters), 1).name, std::string_view("tag:x"), "Filters[1].Name");
    REQUIRE(in.filters->size() == 2);
    CHECK((*in.filters)[0].name == "instance-id");
    CHECK((*in.filters)[0].values == std::vector<std::string>{"i-1"});
    CHECK((*in.filters)[1].name == "tag:x");
    // A batch writes element i of "Ids[]" for its i-th resource.
    for (std::size_t i = 0; i < 3; ++i) assign(slot(ensure(in.ids), i), std::to_string(i), "Ids[]");
    CHECK(*in.ids == std::vector<std::string>{"0", "1", "2"});
}

TEST_CASE("resource values: an identifier that is not a number for a numeric member is invalid_parameter, naming it")
{
    request in{.bucket = std::string{}};
    auto e = thrown([&] { stratus::detail::assign(in.max_keys, std::string("12x"), "PartNumber"); });
    CHECK(e.code == errc::invalid_parameter);
    CHECK_THAT(e.message, Catch::Contains("PartNumber") && Catch::Contains("12x"));
    CHECK_FALSE(in.max_keys.has_value());
}

namespace {

struct fake_client {};

struct item_data {
    std::optional<std::string> key{};
    std::optional<std::int64_t> size{};
};

// A resource as stratus-gen writes them, reduced to what the runtime uses.
class item : protected stratus::resource_meta<fake_client, 2, item_data> {
    using meta_type = stratus::resource_meta<fake_client, 2, item_data>;

public:
    using client_type = fake_client;
    using data_type = item_data;
    static constexpr std::string_view resource_name = "Item";
    static constexpr std::array<char const*, 2> identifier_names{"Bucket", "Key"};
    item(client_type c, std::string bucket, std::string key)
        : meta_type(resource_name, identifier_names, c, {std::move(bucket), std::move(key)}, std::nullopt)
    {
    }
    item(client_type c, std::array<std::string, 2> ids, std::optional<data_type> d)
        : meta_type(resource_name, identifier_names, c, std::move(ids), std::move(d))
    {
    }
    meta_type const& meta() const noexcept { return *this; }
    data_type const& data() const { return this->received_data(resource_name); }
    template <class Coll>
    class batch_actions {};
};

} // namespace

TEST_CASE("resources: made as boto3's ResourceHandler makes them, plural identifiers zipped with their data")
{
    std::array<stratus::detail::identifier_values, 2> ids;
    ids[0].values = {"bucket"}; // a scalar identifier, repeated
    ids[1].values = {"a", "b", "c"};
    ids[1].plural = true;
    std::vector<item_data> page{{.key = "a", .size = 1}, {.key = "b", .size = 2}};
    std::vector<item_data*> data{&page[0], nullptr};
    auto rs = stratus::detail::make_resources<item>(fake_client{}, ids, data);
    REQUIRE(rs.size() == 3);
    CHECK(rs[2].meta().identifiers() == std::array<std::string, 2>{"bucket", "c"});
    CHECK(rs[0].data().size == 1);
    CHECK_FALSE(rs[1].meta().data().has_value()); // its element had another shape
    auto e = thrown([&] { (void)rs[2].data(); });
    CHECK(e.code == errc::resource_unavailable);
    CHECK_THAT(e.message, Catch::Contains("Item"));
}

TEST_CASE("resources: a single resource whose identifier the response lacks is none, as boto3's None")
{
    std::array<stratus::detail::identifier_values, 2> ids;
    ids[0].values = {"bucket"};
    std::vector<item_data*> data;
    CHECK(stratus::detail::make_resources<item>(fake_client{}, ids, data).empty());
    ids[1].values = {"k"};
    CHECK(stratus::detail::make_resources<item>(fake_client{}, ids, data).size() == 1);
}

TEST_CASE("resources: an empty identifier is refused, naming it; an action whose response lacks its resource says so")
{
    auto e = thrown([] { item(fake_client{}, "bucket", ""); });
    CHECK(e.code == errc::invalid_parameter);
    CHECK_THAT(e.message, Catch::Contains("Item") && Catch::Contains("Key"));
    auto e2 = thrown([] { (void)stratus::detail::single_resource(std::vector<item>{}, "Bucket.Object"); });
    CHECK(e2.code == errc::resource_unavailable);
    CHECK_THAT(e2.message, Catch::Contains("Bucket.Object"));
    auto e3 = thrown([] { stratus::detail::resource_not_found("Instance", std::array<std::string, 1>{"i-1"}, "DescribeInstances"); });
    CHECK(e3.code == errc::resource_unavailable);
    CHECK_THAT(e3.message, Catch::Contains("Instance(i-1)"));
}

namespace {

// A listing without a paginator: one call, counted, answering `keys`.
struct list_input {
    std::optional<std::string> prefix{};
};
struct list_output {
    std::vector<item_data> contents{};
};
struct list_op {
    using input = list_input;
    using output = list_output;
};
struct counting_client {
    std::vector<std::string>* keys;
    int* calls;
    template <class Op>
    list_output call(list_input const& in) const
    {
        ++*calls;
        list_output out;
        for (auto const& k : *keys)
            if (!in.prefix || k.starts_with(*in.prefix)) out.contents.push_back({.key = k, .size = 1});
        return out;
    }
};
class folder;
class entry : protected stratus::resource_meta<counting_client, 1, item_data> {
    using meta_type = stratus::resource_meta<counting_client, 1, item_data>;

public:
    using client_type = counting_client;
    using data_type = item_data;
    static constexpr std::string_view resource_name = "Entry";
    static constexpr std::array<char const*, 1> identifier_names{"Key"};
    entry(client_type c, std::array<std::string, 1> ids, std::optional<data_type> d)
        : meta_type(resource_name, identifier_names, c, std::move(ids), std::move(d))
    {
    }
    meta_type const& meta() const noexcept { return *this; }
    template <class Coll>
    class batch_actions {
    public:
        // As a batch action: one call per page, counting the resources.
        std::size_t count_pages() const
        {
            std::size_t n = 0;
            for (auto const& page : static_cast<Coll const&>(*this).pages()) n += !page.empty();
            return n;
        }
    };
};
class folder : protected stratus::resource_meta<counting_client, 0, stratus::no_data> {
    using meta_type = stratus::resource_meta<counting_client, 0, stratus::no_data>;

public:
    using client_type = counting_client;
    using data_type = stratus::no_data;
    explicit folder(client_type c) : meta_type("Folder", {}, c, {}, std::nullopt) {}
    meta_type const& meta() const noexcept { return *this; }
};
struct entries_spec {
    using operation = list_op;
    using resource = entry;
    using parent = folder;
    using params = list_input;
    static constexpr char const* name = "Folder.entries";
    static list_input request(parent const&, params p) { return p; }
    static std::vector<entry> resources(parent const& self, list_input const&, list_output& out)
    {
        namespace pg = stratus::paging;
        std::array<stratus::detail::identifier_values, 1> ids;
        auto f = ids[0].collect();
        pg::each(&out, f, [](auto& x) { return pg::get(x.contents); }, pg::every_element, [](auto& x) { return pg::get(x.key); });
        ids[0].plural = true;
        std::vector<item_data*> data;
        auto d = [&](auto* p) { data.push_back(p); };
        pg::each(&out, d, [](auto& x) { return pg::get(x.contents); }, pg::every_element);
        return stratus::detail::make_resources<entry>(self.meta().client(), ids, data);
    }
};

} // namespace

TEST_CASE("resource collections: lazy, filtered, limited, iterable again, with batch actions over pages")
{
    std::vector<std::string> keys{"a/1", "a/2", "b/1", "a/3"};
    int calls = 0;
    folder f(counting_client{&keys, &calls});
    stratus::resource_collection<entries_spec> all(f);
    CHECK(calls == 0); // nothing is called until iteration
    std::vector<std::string> seen;
    for (auto const& e : all.all()) seen.push_back(e.meta().identifiers()[0]);
    CHECK(seen == keys);
    CHECK(calls == 1);
    seen.clear();
    for (auto const& e : all.filter({.prefix = "a/"}).limit(2)) seen.push_back(*e.meta().data()->key);
    CHECK(seen == std::vector<std::string>{"a/1", "a/2"});
    CHECK(calls == 2);
    std::size_t n = 0;
    for (auto const& page : all.filter({.prefix = "b/"}).pages()) n += page.size();
    CHECK(n == 1);
    CHECK(all.filter({.prefix = "zzz"}).begin() == all.end());
    CHECK(all.limit(0).begin() == all.end());
    CHECK(all.count_pages() == 1);
}
