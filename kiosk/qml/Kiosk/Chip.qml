pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One choice in a filter panel: its label and how many portraits it holds.
Rectangle {
    id: chip
    property string text
    property int amount: 0
    property bool chosen: false
    readonly property bool visitorControl: true
    signal tapped()

    implicitWidth: Math.min(row.implicitWidth + Theme.unit * 4, maximumWidth)
    implicitHeight: Theme.touchSize * 1.1
    property real maximumWidth: 10000
    radius: height / 2
    Accessible.role: Accessible.Button
    Accessible.name: text
    color: chip.chosen ? Theme.accent : (tap.pressed ? Theme.quietLine : Theme.raised)
    border.color: chip.chosen ? Theme.accent : Theme.line
    border.width: Theme.lineWidth

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.unit * 1.2
        Text {
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, chip.maximumWidth - badge.width - Theme.unit * 6)
            text: chip.text
            textFormat: Text.PlainText
            elide: Text.ElideRight
            font.family: Theme.sansStrong
            font.pixelSize: Theme.chipSize
            color: chip.chosen ? Theme.accentInk : Theme.text
        }
        Rectangle {
            id: badge
            anchors.verticalCenter: parent.verticalCenter
            width: Math.max(height, number.implicitWidth + Theme.unit * 1.6 + 2 * border.width)
            height: Math.max(Theme.unit * 3.4, number.implicitHeight + Theme.unit * 0.6 + 2 * border.width)
            radius: height / 2
            color: chip.chosen ? Theme.badgeOnAccent : Theme.badge
            border.color: Theme.text
            border.width: Theme.contrast && !chip.chosen ? Theme.lineWidth : 0
            Text {
                id: number
                anchors.centerIn: parent
                text: chip.amount
                textFormat: Text.PlainText
                font.family: Theme.sansStrong
                font.pixelSize: Theme.badgeSize
                color: chip.chosen ? Theme.accentInk : Theme.text
            }
        }
    }

    TapHandler {
        id: tap
        onTapped: chip.tapped()
    }
}
