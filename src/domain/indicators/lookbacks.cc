// Lookbacks: TA-Lib's TA_*_Lookback with the default unstable period (0).
#include "domain/indicators/indicators.h"

namespace stratus::indicators {

int sma_lookback(int period) { return period - 1; }
int ema_lookback(int period) { return period - 1; }
int wma_lookback(int period) { return period - 1; }
int rsi_lookback(int period) { return period; }
// TA_MACD: the slow EMA's lookback plus the signal EMA's. For signal 1 the signal is the line
// itself (no lookback; TA_MACDEXT's TA_MA with period 1).
int macd_lookback(int /*fast*/, int slow, int signal) { return slow - 1 + signal - 1; }
int bbands_lookback(int period) { return period - 1; }
int atr_lookback(int period) { return period; }
int extreme_lookback(int period) { return period - 1; }
int roc_lookback(int period) { return period; }
int drop_lookback(int period) { return period - 1; }

}  // namespace stratus::indicators
