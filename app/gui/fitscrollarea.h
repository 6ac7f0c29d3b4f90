// SPDX-License-Identifier: MIT
// A scroll area for forms and panels with word-wrapped text. QScrollArea
// (Qt 6.4) sizes its widget from minimumSizeHint(), which ignores
// height-for-width, so a wrapped label gets one line and the next widget
// is drawn over it. This one gives the widget the height it needs for the
// width it gets, and scrolls when that is more than there is.
#pragma once

#include <QScrollArea>

class FitScrollArea : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY(FitScrollArea)

public:
    explicit FitScrollArea(QWidget *content, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit();
};
