// ssm_parameters_to_table (see ssm_table.h).
#include "config/ssm_table.h"

#include <algorithm>

#include "config/config_loader.h"
#include "config/secret_reference.h"
#include "config/toml_text.h"

namespace stratus {
namespace {

constexpr std::string_view kSecrets = "secrets";

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

Error bad(const ConfigParameter& p, const std::string& what) {
  return Error::invalid_input("SSM parameter \"" + p.name + "\": " + what);
}

// The key path of `p` below `under` ("/stratus/prod/").
Result<KeyPath> key_path_of(const ConfigParameter& p, std::string_view under) {
  if (p.name.size() <= under.size() || p.name.compare(0, under.size(), under) != 0) {
    return bad(p, "expected a name under \"" + std::string(under) + "\"");
  }
  KeyPath path;
  const std::string_view rest = std::string_view(p.name).substr(under.size());
  for (std::size_t start = 0;;) {
    const std::size_t slash = rest.find('/', start);
    const std::string_view part =
        rest.substr(start, slash == std::string_view::npos ? rest.size() - start : slash - start);
    if (!is_bare_key(part)) {
      return bad(p, "key \"" + std::string(part) + "\" after \"" + std::string(under) +
                        "\": expected non-empty parts of letters, digits, '_' or '-' between "
                        "'/' (e.g. limits/monthly_share_cap)");
    }
    path.emplace_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return path;
}

// Whether `path` is one of kSecretReferenceKeys (e.g. slack.webhook_url).
bool is_secret_reference_key(const KeyPath& path) {
  std::string dotted;
  for (const auto& part : path) dotted += (dotted.empty() ? "" : ".") + part;
  return std::find(kSecretReferenceKeys.begin(), kSecretReferenceKeys.end(), dotted) !=
         kSecretReferenceKeys.end();
}

}  // namespace

Result<toml::table> ssm_parameters_to_table(const std::vector<ConfigParameter>& parameters,
                                            std::string_view prefix) {
  if (prefix.empty() || prefix.front() != '/') {
    return Error::invalid_input("SSM prefix \"" + std::string(prefix) +
                                "\": expected a path starting with '/', e.g. \"/stratus/prod\"");
  }
  std::string under(prefix);
  if (under.back() != '/') under += '/';

  // In name order, so that the same parameters give the same error whatever SSM's order.
  std::vector<const ConfigParameter*> sorted;
  for (const auto& p : parameters) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(),
            [](const ConfigParameter* a, const ConfigParameter* b) { return a->name < b->name; });

  toml::table out;
  for (const ConfigParameter* p : sorted) {
    STRATUS_ASSIGN_OR_RETURN(KeyPath path, key_path_of(*p, under));
    const bool secret = path.front() == kSecrets;
    if (secret && path.size() != 2) {
      return bad(*p, "expected secrets/<name> (one name below secrets/), the secret's reference");
    }
    const bool reference_key = is_secret_reference_key(path);
    if (!secret && !reference_key && p->secure) {
      return bad(*p,
                 "a SecureString outside secrets/: expected a plain String (secrets are "
                 "referenced as secrets/<name>, and their values are never configuration)");
    }
    const bool self_reference = secret || (reference_key && p->secure);
    toml::table holder = self_reference
                             ? toml::table{{"v", "ssm:" + p->name}}
                             : override_value_table("SSM parameter " + p->name, p->value);

    toml::table* at = &out;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      toml::node* existing = at->get(path[i]);
      if (existing == nullptr) {
        at->insert(path[i], toml::table{});
        existing = at->get(path[i]);
      } else if (!existing->is_table() || existing->as_table()->is_inline()) {
        const KeyPath prefix_path(path.begin(), path.begin() + static_cast<long>(i) + 1);
        return bad(*p, "key " + format_key_path(prefix_path) +
                           " is already a value, so it cannot also hold " + format_key_path(path));
      }
      at = existing->as_table();
    }
    if (at->contains(path.back())) {
      return bad(*p, "key " + format_key_path(path) + " is already " +
                         (at->get(path.back())->is_table() &&
                                  !at->get(path.back())->as_table()->is_inline()
                              ? std::string("a table of other parameters")
                              : std::string("set by another parameter")));
    }
    at->insert(path.back(), std::move(*holder.get("v")));
  }
  return out;
}

}  // namespace stratus
