pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A sheet of large chips for one facet; "All" first. Tapping outside closes it. It
// rises from the bottom and stays inside the reach band (Theme.reachTop/.reachBottom):
// every chip, and its close button, within reach from a wheelchair.
Item {
    id: panel
    required property VisitorSession session
    required property FacetValuesModel values
    property string facet
    property string heading

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        TapHandler { onTapped: panel.session.closePanel() }
    }

    Rectangle {
        id: sheet
        objectName: "filterSheet"
        readonly property real margin: Theme.unit * 2
        readonly property real lowest: Math.min(panel.height, Theme.reachBottom) - margin
        // A screen hung too high has no band: the sheet then keeps a usable height.
        readonly property real highest: Math.min(Math.max(margin, Theme.reachTop), lowest - Theme.touchSize * 4)
        readonly property real wanted: chips.implicitHeight + headingText.height + Theme.touchSize + Theme.unit * 13
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width * (parent.width >= parent.height ? 0.72 : 0.92)
        height: Math.min(lowest - highest, wanted)
        y: lowest - height
        radius: Theme.unit * 2.5
        color: Theme.surface
        border.color: Theme.line

        TapHandler { gesturePolicy: TapHandler.WithinBounds }  // taps on the sheet itself do not close it

        Text {
            id: headingText
            x: Theme.unit * 4
            y: Theme.unit * 3.5
            width: sheet.width - closeButton.width - Theme.unit * 10
            text: panel.heading
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.sans
            font.pixelSize: Theme.headingSize
            font.weight: Font.Bold
            color: Theme.text
        }
        PillButton {
            id: closeButton
            objectName: "closePanel"
            anchors.right: parent.right
            anchors.rightMargin: Theme.unit * 3
            anchors.verticalCenter: headingText.verticalCenter
            text: "×  " + panel.session.labels.close
            onTapped: panel.session.closePanel()
        }

        Flickable {
            id: chipsView
            anchors.fill: parent
            anchors.topMargin: headingText.y + headingText.height + Theme.unit * 3
            anchors.bottomMargin: Theme.unit * 5 + Theme.touchSize
            anchors.leftMargin: Theme.unit * 4
            anchors.rightMargin: Theme.unit * 4
            contentHeight: chips.implicitHeight
            flickableDirection: Flickable.VerticalFlick
            boundsBehavior: Flickable.StopAtBounds
            clip: true

            Flow {
                id: chips
                width: parent.width
                spacing: Theme.size(1.6, Theme.gapFloor)

                Chip {
                    objectName: "chip_all"
                    maximumWidth: chips.width
                    text: panel.session.labels.all
                    amount: panel.values.total
                    chosen: panel.values.selectedKey === ""
                    onTapped: panel.session.choose(panel.facet, "")
                }
                Repeater {
                    model: panel.values
                    Chip {
                        required property string key
                        required property string label
                        required property int count
                        required property bool selected
                        objectName: "chip_" + label
                        maximumWidth: chips.width
                        text: label
                        amount: count
                        chosen: selected
                        onTapped: panel.session.choose(panel.facet, key)
                    }
                }
            }
        }

        PageButtons {
            id: pageButtons
            objectName: "chipButtons"
            anchors.right: parent.right
            anchors.rightMargin: Theme.unit * 4
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.unit * 3
            target: chipsView
            upLabel: panel.session.labels.scrollBack
            downLabel: panel.session.labels.scrollOn
            durationMs: panel.session.transitionMs > 0 ? 300 : 0  // nothing moves in tests and snapshots
        }
    }
}
