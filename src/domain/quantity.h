// Quantity: a whole number of shares. Stratus buys whole shares; caps and tiers count them.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace stratus {

class Quantity {
 public:
  constexpr Quantity() = default;
  constexpr explicit Quantity(std::int64_t shares) : shares_(shares) {}

  constexpr std::int64_t shares() const { return shares_; }
  constexpr bool is_zero() const { return shares_ == 0; }
  std::string to_string() const { return std::to_string(shares_); }

  constexpr auto operator<=>(const Quantity&) const = default;
  constexpr Quantity operator+(Quantity o) const { return Quantity(shares_ + o.shares_); }
  constexpr Quantity operator-(Quantity o) const { return Quantity(shares_ - o.shares_); }
  constexpr Quantity& operator+=(Quantity o) {
    shares_ += o.shares_;
    return *this;
  }

 private:
  std::int64_t shares_ = 0;
};

}  // namespace stratus
