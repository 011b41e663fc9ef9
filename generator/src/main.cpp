// stratus-gen: botocore models in, C++ headers out. See generator/README.md.
#include "importer.hpp"
#include "names.hpp"
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
  stratus-gen list <models dir>
      Prints the services of a models directory.
  stratus-gen xform [<name>...]
      Prints botocore's xform_name of each name (or of each line of stdin).
)";

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
        if (cmd == "list") return cmd_list(args);
        if (cmd == "xform") return cmd_xform(args);
        std::cerr << "stratus-gen: unknown command " << cmd << "\n" << usage;
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "stratus-gen: " << e.what() << "\n";
        return 1;
    }
}
