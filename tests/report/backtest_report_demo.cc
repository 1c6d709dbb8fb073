// backtest_report_demo: renders the backtest report (report/backtest_report_html.h) of a result
// JSON file, with an optional sweep, or the page of a sweep alone; prints the rendering time and
// the page's size. Test support until `stratus backtest --out` writes report.html itself.
//
// Usage: backtest_report_demo --result RESULT.json [--sweep SWEEP.json] --out PAGE.html
//        backtest_report_demo --sweep SWEEP.json --out PAGE.html        (the sweep's page)
// Exit codes: 0 written, 1 a file could not be read or written, 2 bad usage or bad input.
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/backtest_report_html.h"

namespace {

constexpr std::string_view kUsage =
    "usage: backtest_report_demo [--result RESULT.json] [--sweep SWEEP.json] --out PAGE.html\n";

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads and parses `path`; prints why and returns nullopt (with `exit_code` set) when it fails.
std::optional<nlohmann::json> load(const std::string& path, int& exit_code) {
  const std::optional<std::string> text = read_file(path);
  if (!text) {
    std::cerr << "backtest_report_demo: cannot read " << path << "\n";
    exit_code = 1;
    return std::nullopt;
  }
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    std::cerr << "backtest_report_demo: " << path << " is not JSON\n";
    exit_code = 2;
    return std::nullopt;
  }
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  std::string result_path, sweep_path, out_path;
  for (int i = 1; i < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) {
      std::cerr << kUsage;
      return 2;
    }
    if (flag == "--result") {
      result_path = argv[i + 1];
    } else if (flag == "--sweep") {
      sweep_path = argv[i + 1];
    } else if (flag == "--out") {
      out_path = argv[i + 1];
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (out_path.empty() || (result_path.empty() && sweep_path.empty())) {
    std::cerr << kUsage;
    return 2;
  }

  int exit_code = 0;
  std::optional<nlohmann::json> result, sweep;
  if (!result_path.empty() && !(result = load(result_path, exit_code))) return exit_code;
  if (!sweep_path.empty() && !(sweep = load(sweep_path, exit_code))) return exit_code;

  const auto start = std::chrono::steady_clock::now();
  const stratus::Result<std::string> page =
      result ? stratus::report::render_backtest_html(*result, sweep ? &*sweep : nullptr)
             : stratus::report::render_sweep_html(*sweep);
  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  if (!page.ok()) {
    std::cerr << "backtest_report_demo: " << page.error().to_string() << "\n";
    return 2;
  }
  std::ofstream out(out_path, std::ios::binary);
  out << *page;
  out.close();
  if (!out) {
    std::cerr << "backtest_report_demo: cannot write " << out_path << "\n";
    return 1;
  }
  std::cout << "wrote " << out_path << ": " << page->size() << " bytes, rendered in " << std::fixed
            << std::setprecision(1) << elapsed.count() << " ms\n";
  return 0;
}
