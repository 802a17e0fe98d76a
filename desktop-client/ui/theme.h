#pragma once

class QApplication;

namespace Confab::Theme {

// A light, flat look shared by every window (the same on every platform).
void apply(QApplication &app);

}
