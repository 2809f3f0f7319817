pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Shown when no portrait can be shown yet: calm, in every language, never an error.
Rectangle {
    id: empty
    required property VisitorSession session
    color: Theme.background

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.unit * 5

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.unit * 10
            height: Theme.unit * 0.5
            radius: height / 2
            color: Theme.accent
        }
        Repeater {
            model: empty.session.comingSoon
            Column {
                id: words
                required property var modelData
                width: parent.width
                spacing: Theme.unit * 1.5
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: words.modelData.title
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    font.family: Theme.sans
                    font.pixelSize: Theme.comingSoonSize
                    font.weight: Font.Bold
                    color: Theme.text
                }
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: words.modelData.body
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    font.family: Theme.sans
                    font.pixelSize: Theme.bodySize
                    color: Theme.muted
                }
            }
        }
    }

    Text {
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.unit * 5
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        text: empty.session.title
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.smallSize
        color: Theme.accent
    }
}
