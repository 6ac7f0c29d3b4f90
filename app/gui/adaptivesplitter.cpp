// SPDX-License-Identifier: MIT
#include "gui/adaptivesplitter.h"

#include <QResizeEvent>

#include <utility>

AdaptiveSplitter::AdaptiveSplitter(QWidget *parent) : QSplitter(Qt::Horizontal, parent)
{
    setChildrenCollapsible(false);
}

int AdaptiveSplitter::sideBySideWidth() const
{
    int width = 0;
    for (int i = 0; i < count(); ++i)
        width += widget(i)->minimumSizeHint().width() + (i > 0 ? handleWidth() : 0);
    return width;
}

QSize AdaptiveSplitter::minimumSizeHint() const
{
    // Whichever way the panes stand now, the window may shrink to the widest
    // pane: below sideBySideWidth() they stand one above the other.
    int width = 0;
    int height = 0;
    for (int i = 0; i < count(); ++i) {
        const QSize pane = widget(i)->minimumSizeHint();
        width = qMax(width, pane.width());
        height = orientation() == Qt::Vertical ? height + pane.height() + (i > 0 ? handleWidth() : 0) : qMax(height, pane.height());
    }
    return {width, height};
}

void AdaptiveSplitter::restoreWhenSized(const QByteArray &state)
{
    m_pendingState = state;
}

void AdaptiveSplitter::resizeEvent(QResizeEvent *event)
{
    follow(event->size().width());
    QSplitter::resizeEvent(event);
    if (!m_pendingState.isEmpty() && isVisible()) {
        restoreState(std::exchange(m_pendingState, {}));
        follow(event->size().width()); // saved in the other orientation: half each in this one
    }
}

void AdaptiveSplitter::follow(int width)
{
    const Qt::Orientation wanted = width >= sideBySideWidth() ? Qt::Horizontal : Qt::Vertical;
    if (wanted == orientation())
        return;
    setOrientation(wanted);
    // Half each in the new direction, as at the start.
    const int extent = wanted == Qt::Horizontal ? width : height();
    QList<int> sizes;
    for (int i = 0; i < count(); ++i)
        sizes << extent / qMax(1, int(count()));
    setSizes(sizes);
}
