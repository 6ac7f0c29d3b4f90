// SPDX-License-Identifier: MIT
// A splitter that puts its panes side by side when they fit and one above the
// other when they do not, so a window with two wide panes still fits a small
// screen (1024 pixels, or a language with longer words). Its minimum width is
// the widest pane's, not the sum; the orientation follows the width it gets.
// On each change of orientation the panes get half each again.
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
    // Takes the orientation its width calls for now (after restoreState(),
    // which brings back the orientation it was saved in).
    void fitWidth() { follow(width()); }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void follow(int width);
};
