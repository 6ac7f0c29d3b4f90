// SPDX-License-Identifier: MIT
// A splitter that puts its panes side by side when they fit and one above the
// other when they do not, so a window with two wide panes still fits a small
// screen (1024 pixels, or a language with longer words). Its minimum width is
// the widest pane's, not the sum; the orientation follows the width it gets.
// On each change of orientation the panes get half each again. A pane must not cap its maximum width:
// stacked, the splitter would be held to it and never see the width to go
// side by side again.
#pragma once

#include <QSplitter>

class AdaptiveSplitter : public QSplitter
{
    Q_OBJECT
    Q_DISABLE_COPY(AdaptiveSplitter)

public:
    explicit AdaptiveSplitter(QWidget *parent = nullptr);

    // The least width at which the panes go side by side.
    int sideBySideWidth() const;
    QSize minimumSizeHint() const override;
    // restoreState() once the splitter has its real size (its first resize
    // after this call), so the saved sizes come back as they were rather
    // than shared out again from a size it had before the window was laid
    // out; the width still decides the orientation.
    void restoreWhenSized(const QByteArray &state);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void follow(int width);

    QByteArray m_pendingState;
};
