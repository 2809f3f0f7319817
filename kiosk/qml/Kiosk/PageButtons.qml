pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Up and down by most of a page for `target`, shown only while its content overflows:
// for a visitor who cannot or would not drag.
Row {
    id: buttons
    required property Flickable target
    property string upLabel
    property string downLabel
    property int durationMs: 300
    property real step: target.height * 0.8  // one tap's scroll: most of a page, a line stays in sight
    readonly property real scrollEnd: Math.max(0, target.contentHeight - target.height)

    visible: target.contentHeight > target.height + 2
    spacing: Theme.gap

    function scrollBy(pages: real) {
        move.to = Math.max(0, Math.min(buttons.scrollEnd, buttons.target.contentY + pages * buttons.step))
        move.restart()
    }

    NumberAnimation {
        id: move
        target: buttons.target
        property: "contentY"
        duration: buttons.durationMs
        easing.type: Easing.OutCubic
    }
    ScrollButton {
        objectName: buttons.objectName + "Up"
        up: true
        label: buttons.upLabel
        available: buttons.target.contentY > 1
        onTapped: buttons.scrollBy(-1)
    }
    ScrollButton {
        objectName: buttons.objectName + "Down"
        label: buttons.downLabel
        available: buttons.target.contentY < buttons.scrollEnd - 1
        onTapped: buttons.scrollBy(1)
    }
}
