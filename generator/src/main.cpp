// stratus-gen: botocore models in, C++ headers out. See generator/README.md.
#include "emitter.hpp"
#include "importer.hpp"
#include "names.hpp"
#include "protocol_tests.hpp"
#include "rules_emitter.hpp"
#include "service_model.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace stratus_gen;

constexpr char const* usage = R"(usage:
  stratus-gen import <botocore data dir> [<boto3 data dir>] --out <dir>
                     [--botocore-version V] [--boto3-version V]
      Copies the newest version of every service model (service-2, paginators-1,
      waiters-2, endpoint-rule-set-1, *.sdk-extras), boto3's resources-1 and the
      top-level partitions, sdk-default-configuration and _retry files into <dir>,
      documentation stripped, plus VERSION and the packages' LICENSE and NOTICE.
  stratus-gen generate <models dir> <service> <out> [--label L] [--depfile F]
                       [--resources <resources-1.json>]
      Writes the header of one service: to <out> when it ends in ".hpp",
      else to <out>/stratus/services/<service>.hpp. --label names the models
      directory in the header's first line (default: its last path component).
      --resources takes boto3's resource model from that file instead of the
      service's version folder.
  stratus-gen partitions <models dir> <out.hpp>
      Writes <stratus/services/partitions.hpp> from <models dir>/partitions.json.
  stratus-gen endpoints <models dir> <out.hpp> [--tested] [<service>...]
      Writes one header with the partitions and the endpoint rule sets of the
      services named (default: every service with a rule set, or with
      --tested every service with endpoint-tests-1.json), and a table of them
      (for the endpoint conformance runner).
  stratus-gen protocol-tests <file> <out.cpp>
      Writes one C++ file for a botocore protocol test file
      (<dir>/{input,output}/<protocol>.json): each suite generated as a service,
      and a table of its cases for the protocol conformance runner.
  stratus-gen check <models dir> [<service>...]
      Generates every service (or those named) in memory and reports failures
      (a waiter of the model that is not generated is one).
  stratus-gen list <models dir>
      Prints the services of a models directory.
  stratus-gen xform [<name>...]
      Prints botocore's xform_name of each name (or of each line of stdin).
)";

std::string default_label(fs::path const& dir)
{
    fs::path p = dir.lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    std::string name = p.filename().string();
    return name.empty() || name == "." ? "service-models" : name;
}

std::string depfile_escape(std::string const& path)
{
    std::string r;
    for (char c : path) {
        if (c == ' ' || c == '#' || c == '\\') r += '\\';
        if (c == '$') r += '$';
        r += c;
    }
    return r;
}

int cmd_import(std::vector<std::string> const& args)
{
    import_options opts;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw gen_error(a + " needs a value");
            return args[++i];
        };
        if (a == "--out" || a == "-o")
            opts.out = value();
        else if (a == "--botocore-version")
            opts.botocore_version = value();
        else if (a == "--boto3-version")
            opts.boto3_version = value();
        else if (a.starts_with("-"))
            throw gen_error("unknown option " + a);
        else
            positional.push_back(a);
    }
    if (positional.empty() || positional.size() > 2 || opts.out.empty()) {
        std::cerr << usage;
        return 2;
    }
    opts.botocore_data = positional[0];
    if (positional.size() == 2) opts.boto3_data = positional[1];
    auto stats = import_models(opts, std::cerr);
    std::cout << "imported " << stats.services << " services and " << stats.resources << " resource models: "
              << stats.files << " files, " << stats.bytes << " bytes; largest " << stats.largest << " ("
              << stats.largest_bytes << " bytes)\n";
    return 0;
}

int cmd_generate(std::vector<std::string> const& args)
{
    std::vector<std::string> positional;
    std::string label, depfile, resources;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string const& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw gen_error(a + " needs a value");
            return args[++i];
        };
        if (a == "--label")
            label = value();
        else if (a == "--depfile")
            depfile = value();
        else if (a == "--resources")
            resources = value();
        else if (a.starts_with("-"))
            throw gen_error("unknown option " + a);
        else
            positional.push_back(a);
    }
    if (positional.size() != 3) {
        std::cerr << usage;
        return 2;
    }
    fs::path models = positional[0];
    std::string const& service = positional[1];
    fs::path out = positional[2];
    if (label.empty()) label = default_label(models);
    auto model = load_service(models, service);
    if (!resources.empty()) load_resources(model, resources);
    auto header = generate_header(model, label);
    if (out.extension() != ".hpp") out = out / "stratus" / "services" / (header.cpp_name + ".hpp");
    write_file(out, header.text);
    if (!depfile.empty()) {
        std::string text = depfile_escape(out.string()) + ":";
        for (auto const& d : model.dependencies) text += " " + depfile_escape(d.string());
        write_file(depfile, text + "\n");
    }
    return 0;
}

int cmd_partitions(std::vector<std::string> const& args)
{
    if (args.size() != 2) {
        std::cerr << usage;
        return 2;
    }
    fs::path models = args[0];
    auto file = find_json(models, "partitions");
    if (!file) throw gen_error("no partitions.json in " + models.string());
    write_file(args[1], emit_partitions_header(read_json(*file).as_object(), default_label(models)));
    return 0;
}

int cmd_endpoints(std::vector<std::string> const& args)
{
    std::vector<std::string> positional;
    bool tested = false;
    for (auto const& a : args) {
        if (a == "--tested") tested = true;
        else if (a.starts_with("-")) throw gen_error("unknown option " + a);
        else positional.push_back(a);
    }
    if (positional.size() < 2) {
        std::cerr << usage;
        return 2;
    }
    fs::path models = positional[0];
    std::vector<std::string> services(positional.begin() + 2, positional.end());
    if (services.empty()) services = list_services(models, tested ? "endpoint-tests-1" : "endpoint-rule-set-1");
    auto file = find_json(models, "partitions");
    if (!file) throw gen_error("no partitions.json in " + models.string());
    std::vector<rule_set_source> sources;
    for (auto const& s : services) {
        auto version = newest_version(models / s, "endpoint-rule-set-1");
        if (version.empty()) throw gen_error("no endpoint-rule-set-1.json for " + s + " in " + models.string());
        auto path = *find_json(models / s / version, "endpoint-rule-set-1");
        sources.push_back({s, version, read_json(path).as_object(), path.string()});
    }
    write_file(positional[1], emit_rule_set_bundle(read_json(*file).as_object(), sources, default_label(models)));
    std::cout << sources.size() << " rule sets\n";
    return 0;
}

int cmd_protocol_tests(std::vector<std::string> const& args)
{
    if (args.size() != 2) {
        std::cerr << usage;
        return 2;
    }
    fs::path file = args[0];
    fs::path abs = fs::absolute(file).lexically_normal();
    std::string key = abs.parent_path().filename().string() + "/" + abs.filename().string();
    auto r = generate_protocol_tests(file, key);
    write_file(args[1], r.text);
    std::cout << key << ": " << r.suites << " suites, " << r.cases << " cases";
    if (r.failed_suites) std::cout << ", " << r.failed_suites << " suites not generated";
    std::cout << "\n";
    return 0;
}

int cmd_check(std::vector<std::string> const& args)
{
    if (args.empty()) {
        std::cerr << usage;
        return 2;
    }
    fs::path models = args[0];
    std::vector<std::string> services(args.begin() + 1, args.end());
    if (services.empty()) services = list_services(models);
    std::size_t failed = 0, ops = 0, structs = 0, bytes = 0, waiters = 0, waiters_modeled = 0;
    for (auto const& s : services) {
        try {
            auto m = load_service(models, s);
            auto h = generate_header(m, default_label(models));
            ops += h.operations;
            structs += h.structures + h.errors;
            bytes += h.text.size();
            waiters += h.waiters;
            waiters_modeled += m.waiters ? m.waiters->size() : 0;
            // Every waiter of the models is generated: a skipped one is a failure.
            for (std::size_t at = h.text.find(": no waiter ("); at != std::string::npos;
                 at = h.text.find(": no waiter (", at + 1)) {
                std::size_t begin = h.text.rfind("\n// ", at) + 4, end = h.text.find('\n', at);
                std::cerr << "NO WAITER " << s << ": " << h.text.substr(begin, end - begin) << "\n";
            }
            if (m.waiters && h.waiters != m.waiters->size()) ++failed;
        } catch (std::exception const& e) {
            std::cerr << "FAILED " << s << ": " << e.what() << "\n";
            ++failed;
        }
    }
    std::cout << services.size() - failed << " of " << services.size() << " services generated (" << ops
              << " operations, " << structs << " structures, " << waiters << " of " << waiters_modeled << " waiters, "
              << bytes << " bytes)\n";
    return failed == 0 ? 0 : 1;
}

int cmd_list(std::vector<std::string> const& args)
{
    if (args.size() != 1) {
        std::cerr << usage;
        return 2;
    }
    for (auto const& s : list_services(args[0])) std::cout << s << "\n";
    return 0;
}

int cmd_xform(std::vector<std::string> const& args)
{
    if (!args.empty()) {
        for (auto const& a : args) std::cout << xform_name(a) << "\n";
        return 0;
    }
    std::string line;
    while (std::getline(std::cin, line)) std::cout << xform_name(line) << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        std::cout << usage;
        return argc < 2 ? 2 : 0;
    }
    std::string cmd = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (cmd == "import") return cmd_import(args);
        if (cmd == "generate") return cmd_generate(args);
        if (cmd == "check") return cmd_check(args);
        if (cmd == "partitions") return cmd_partitions(args);
        if (cmd == "endpoints") return cmd_endpoints(args);
        if (cmd == "protocol-tests") return cmd_protocol_tests(args);
        if (cmd == "list") return cmd_list(args);
        if (cmd == "xform") return cmd_xform(args);
        std::cerr << "stratus-gen: unknown command " << cmd << "\n" << usage;
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "stratus-gen: " << e.what() << "\n";
        return 1;
    }
}
