// SPDX-License-Identifier: MIT
#include "gui/fitscrollarea.h"

#include <QEvent>
#include <QScrollBar>

FitScrollArea::FitScrollArea(QWidget *content, QWidget *parent) : QScrollArea(parent)
{
    setWidget(content);
    setWidgetResizable(false); // sized by fit()
    setFrameShape(QFrame::NoFrame);
    content->installEventFilter(this);
}

QSize FitScrollArea::sizeHint() const
{
    const QSize content = widget()->sizeHint();
    return {content.width() + verticalScrollBar()->sizeHint().width(), content.height()};
}

QSize FitScrollArea::minimumSizeHint() const
{
    // As narrow as the content allows (it never scrolls sideways unless it must), as short as a few lines.
    return {widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width(),
            fontMetrics().lineSpacing() * 6};
}

void FitScrollArea::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    fit();
}

bool FitScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        fit();
    return QScrollArea::eventFilter(watched, event);
}

void FitScrollArea::fit()
{
    QWidget *content = widget();
    const int scrollBar = verticalScrollBar()->sizeHint().width();
    int width = qMax(viewport()->width(), content->minimumSizeHint().width());
    int height = content->hasHeightForWidth() ? content->heightForWidth(width) : content->minimumSizeHint().height();
    if (height > viewport()->height() && !verticalScrollBar()->isVisible()) {
        // A vertical scroll bar is about to take its room: wrap for the narrower width.
        width = qMax(viewport()->width() - scrollBar, content->minimumSizeHint().width());
        height = content->hasHeightForWidth() ? content->heightForWidth(width) : height;
    }
    content->resize(width, qMax(height, viewport()->height()));
}
