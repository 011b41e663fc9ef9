#include "importer.hpp"

#include "service_model.hpp"

#include <algorithm>
#include <ostream>
#include <regex>
#include <system_error>
#include <vector>

namespace stratus_gen {

namespace json = boost::json;

namespace {

// The model files botocore's loader reads for a client: the service model,
// paginators, waiters and endpoint rules (examples-1 and endpoint tests are
// left out: nothing at run time reads them).
constexpr char const* service_stems[] = {"service-2", "paginators-1", "waiters-2", "endpoint-rule-set-1"};
// Top-level files of botocore/data that stratus uses: the partition table of
// endpoint rule sets, defaults-mode and legacy-retry configuration.
constexpr char const* top_level_stems[] = {"partitions", "sdk-default-configuration", "_retry"};

constexpr std::uintmax_t max_file_bytes = 5u << 20;

// "<package>/data" -> the version in "<package>/__init__.py", if any.
std::string package_version(fs::path const& data_dir)
{
    fs::path init = data_dir.parent_path() / "__init__.py";
    std::error_code ec;
    if (!fs::is_regular_file(init, ec)) return {};
    std::string text = read_file(init);
    static std::regex const re(R"(__version__\s*=\s*['"]([^'"]+)['"])");
    std::smatch m;
    if (std::regex_search(text, m, re)) return m[1].str();
    return {};
}

// LICENSE / NOTICE of a package: its installed dist-info, or (for a copy such
// as ../shared/testdata/models) LICENSE-<package>.txt beside the data dir.
fs::path find_legal_file(fs::path const& data_dir, std::string const& package, std::string const& version,
                         std::string const& kind)
{
    std::error_code ec;
    fs::path site = data_dir.parent_path().parent_path();
    std::vector<fs::path> candidates;
    if (!version.empty()) {
        fs::path info = site / (package + "-" + version + ".dist-info");
        for (auto const& name : {kind, kind + ".txt", kind + ".md"}) {
            candidates.push_back(info / name);
            candidates.push_back(info / "licenses" / name);
        }
    }
    candidates.push_back(data_dir.parent_path() / (kind + "-" + package + ".txt"));
    for (auto const& c : candidates)
        if (fs::is_regular_file(c, ec)) return c;
    return {};
}

bool written_by_import(fs::path const& p)
{
    std::string name = p.filename().string();
    std::error_code ec;
    if (fs::is_directory(p, ec)) return true;
    return name == "VERSION" || name.ends_with(".json") || name.starts_with("LICENSE-") ||
           name.starts_with("NOTICE-");
}

struct writer {
    import_stats& stats;

    void write(fs::path const& path, json::value v)
    {
        strip_documentation(v);
        std::string text = format_json(v);
        write_file(path, text);
        ++stats.files;
        stats.bytes += text.size();
        if (text.size() > stats.largest_bytes) {
            stats.largest_bytes = text.size();
            stats.largest = path.string();
        }
    }
};

std::vector<fs::path> sorted_entries(fs::path const& dir)
{
    std::vector<fs::path> out;
    for (auto const& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

import_stats import_models(import_options const& opts, std::ostream& log)
{
    import_stats stats;
    std::error_code ec;
    if (!fs::is_directory(opts.botocore_data, ec))
        throw gen_error(opts.botocore_data.string() + ": not a directory");
    if (!opts.boto3_data.empty() && !fs::is_directory(opts.boto3_data, ec))
        throw gen_error(opts.boto3_data.string() + ": not a directory");

    // Clear what a previous import wrote, so that a service or version that
    // is gone upstream does not linger.
    if (fs::exists(opts.out, ec)) {
        auto entries = sorted_entries(opts.out);
        bool ours = fs::exists(opts.out / "VERSION", ec);
        bool only_readme = std::all_of(entries.begin(), entries.end(),
                                       [](fs::path const& p) { return p.filename() == "README.md"; });
        if (!ours && !only_readme)
            throw gen_error(opts.out.string() +
                            ": not empty and holds no VERSION file; refusing to overwrite it");
        for (auto const& p : entries)
            if (written_by_import(p)) fs::remove_all(p);
    }
    fs::create_directories(opts.out);

    writer w{stats};
    for (auto const& service : list_services(opts.botocore_data)) {
        fs::path sdir = opts.botocore_data / service;
        std::string version = newest_version(sdir, "service-2");
        fs::path vdir = sdir / version;
        fs::path odir = opts.out / service / version;
        for (char const* stem : service_stems) {
            if (auto p = find_json(vdir, stem)) w.write(odir / (std::string(stem) + ".json"), read_json(*p));
        }
        // botocore-only overlays merged by the loader ("service-2.sdk-extras.json").
        for (auto const& p : sorted_entries(vdir)) {
            std::string name = p.filename().string();
            for (char const* ext : {".sdk-extras.json", ".sdk-extras.json.gz"}) {
                if (name.ends_with(ext)) {
                    std::string stem = name.substr(0, name.size() - std::string_view(ext).size());
                    w.write(odir / (stem + ".sdk-extras.json"), read_json(p));
                }
            }
        }
        ++stats.services;
    }
    for (char const* stem : top_level_stems) {
        if (auto p = find_json(opts.botocore_data, stem))
            w.write(opts.out / (std::string(stem) + ".json"), read_json(*p));
        else
            log << "warning: " << opts.botocore_data.string() << " has no " << stem << ".json\n";
    }
    if (!opts.boto3_data.empty()) {
        // boto3's Session.resource loads the newest resources-1 of a service.
        for (auto const& service : list_services(opts.boto3_data, "resources-1")) {
            fs::path sdir = opts.boto3_data / service;
            std::string version = newest_version(sdir, "resources-1");
            w.write(opts.out / service / version / "resources-1.json", read_json(*find_json(sdir / version, "resources-1")));
            ++stats.resources;
        }
    }

    std::string botocore_version =
        !opts.botocore_version.empty() ? opts.botocore_version : package_version(opts.botocore_data);
    std::string boto3_version = opts.boto3_version;
    if (boto3_version.empty() && !opts.boto3_data.empty()) boto3_version = package_version(opts.boto3_data);
    std::string version_text = "botocore " + (botocore_version.empty() ? "unknown" : botocore_version) + "\n";
    if (!opts.boto3_data.empty()) version_text += "boto3 " + (boto3_version.empty() ? "unknown" : boto3_version) + "\n";
    write_file(opts.out / "VERSION", version_text);

    struct legal {
        fs::path data;
        std::string package;
        std::string version;
    };
    std::vector<legal> packages{{opts.botocore_data, "botocore", botocore_version}};
    if (!opts.boto3_data.empty()) packages.push_back({opts.boto3_data, "boto3", boto3_version});
    for (auto const& pkg : packages) {
        for (std::string kind : {"LICENSE", "NOTICE"}) {
            fs::path src = find_legal_file(pkg.data, pkg.package, pkg.version, kind);
            if (src.empty()) {
                log << "warning: no " << kind << " found for " << pkg.package << "; copy it to "
                    << (opts.out / (kind + "-" + pkg.package + ".txt")).string() << " by hand\n";
                continue;
            }
            write_file(opts.out / (kind + "-" + pkg.package + ".txt"), read_file(src));
        }
    }

    if (stats.largest_bytes > max_file_bytes)
        log << "warning: " << stats.largest << " is " << stats.largest_bytes << " bytes (over 5 MiB)\n";
    return stats;
}

} // namespace stratus_gen
