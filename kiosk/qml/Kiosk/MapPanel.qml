pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Backend

// "Where they come from": the world's land, an arc from each home of the cycle to the
// exhibition, and a point for each home with its count; a tap on a point opens its
// portraits (the origin filter). Like the overview, the sheet stays inside the reach band.
Item {
    id: panel
    required property VisitorSession session
    required property OriginMap originMap
    readonly property real lowest: Math.min(height, Theme.reachBottom)
    readonly property real leastHeight: Theme.unit * 3 + Math.max(heading.height, closeButton.height) + summary.height + Theme.unit * 27
                                        + Theme.touchSize + Theme.unit * 1.5
    readonly property real highest: Math.min(Math.max(0, Theme.reachTop), lowest - leastHeight)

    Binding { target: panel.originMap; property: "landColor"; value: Theme.mapLand }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        TapHandler { onTapped: panel.session.closePanel() }
    }
    Rectangle {
        objectName: "mapSheet"
        y: panel.highest
        width: parent.width
        height: panel.lowest - y
        color: Theme.background
        TapHandler { gesturePolicy: TapHandler.WithinBounds }  // taps on the sheet do not close it
    }

    Text {
        id: heading
        objectName: "mapTitle"
        x: Theme.unit * 4
        y: panel.highest + Theme.unit * 3
        width: closeButton.x - x - Theme.gap * 2
        text: panel.session.labels.mapTitle ?? ""
        textFormat: Text.PlainText
        wrapMode: Text.Wrap  // a tall screen's narrow row: on two lines, never cut
        font.family: Theme.sans
        font.pixelSize: Theme.headingSize
        font.weight: Font.Bold
        color: Theme.text
    }
    PillButton {
        id: closeButton
        objectName: "closeMap"
        anchors.right: parent.right
        anchors.rightMargin: Theme.unit * 3
        y: panel.highest + Theme.unit * 3
        text: "×  " + panel.session.labels.close
        onTapped: panel.session.closePanel()
    }

    Text {
        id: summary
        objectName: "mapSummary"
        x: Theme.unit * 4
        y: Math.max(heading.y + heading.height, closeButton.y + closeButton.height) + Theme.unit * 0.8
        width: panel.width - Theme.unit * 8
        text: panel.originMap.summary
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        font.family: Theme.sans
        font.pixelSize: Theme.labelSize
        color: Theme.muted
    }

    Item {
        id: place
        x: Theme.unit * 4
        y: summary.y + summary.height + Theme.unit * 1.5
        width: panel.width - Theme.unit * 8
        height: backToOverview.y - y - Theme.unit * 1.5

        Item {
            id: world
            objectName: "mapWorld"
            width: Math.min(place.width, place.height * panel.originMap.aspect)
            height: width / panel.originMap.aspect
            anchors.centerIn: parent
            onWidthChanged: panel.originMap.setSize(Math.round(width), Math.round(height))
            Component.onCompleted: panel.originMap.setSize(Math.round(width), Math.round(height))

            Image {
                objectName: "mapLand"
                anchors.fill: parent
                source: panel.originMap.landUrl
                smooth: false  // drawn for exactly this size
            }

            // The journeys: each arc bows away from the equator, as routes on a globe do.
            Repeater {
                model: panel.originMap.points
                Shape {
                    id: journey
                    required property var modelData
                    anchors.fill: parent
                    readonly property real fromX: modelData.x * world.width
                    readonly property real fromY: modelData.y * world.height
                    readonly property real toX: panel.originMap.here.x * world.width
                    readonly property real toY: panel.originMap.here.y * world.height
                    readonly property real span: Math.hypot(toX - fromX, toY - fromY)
                    ShapePath {
                        strokeColor: Theme.mapArc
                        strokeWidth: Math.max(1.5, Theme.unit * 0.22)
                        fillColor: "transparent"
                        capStyle: ShapePath.RoundCap
                        startX: journey.fromX
                        startY: journey.fromY
                        PathQuad {
                            x: journey.toX
                            y: journey.toY
                            controlX: (journey.fromX + journey.toX) / 2
                            controlY: Math.min(journey.fromY, journey.toY) - journey.span * 0.25
                        }
                    }
                }
            }

            Rectangle {
                objectName: "mapHere"
                z: 1
                readonly property real side: Theme.unit * 1.6
                x: panel.originMap.here.x * world.width - side / 2
                y: panel.originMap.here.y * world.height - side / 2
                width: side
                height: side
                radius: side / 2
                color: Theme.text
                border.color: Theme.background
                border.width: Math.max(1, Theme.unit * 0.2)
            }

            Repeater {
                model: panel.originMap.points
                Item {
                    id: home
                    required property var modelData
                    required property int index
                    objectName: "mapPoint_" + modelData.key
                    readonly property bool visitorControl: true
                    readonly property string spokenName: modelData.origin + ", " + modelData.count
                    // The target is a whole touch size; the dot inside it grows with the count.
                    width: Theme.touchSize
                    height: Theme.touchSize
                    x: modelData.x * world.width - width / 2
                    y: modelData.y * world.height - height / 2
                    z: 2  // above the arcs; the largest come first, so the small ones stay on top
                    Rectangle {
                        readonly property real side: Theme.unit * (1.4 + 0.9 * Math.sqrt(home.modelData.count))
                        anchors.centerIn: parent
                        width: side
                        height: side
                        radius: side / 2
                        color: Theme.accent
                        border.color: Theme.background
                        border.width: Math.max(1, Theme.unit * 0.2)
                        Text {
                            anchors.centerIn: parent
                            visible: home.modelData.count > 1
                            text: home.modelData.count
                            textFormat: Text.PlainText
                            font.family: Theme.sansStrong
                            font.pixelSize: Theme.smallSize * 0.8
                            color: Theme.accentInk
                        }
                    }
                    TapHandler { onTapped: panel.originMap.openOrigin(home.modelData.key) }
                }
            }
        }
    }

    PillButton {
        id: backToOverview
        objectName: "mapToOverview"
        x: Theme.unit * 4
        y: panel.lowest - height - Theme.unit * 1.5
        text: panel.session.labels.overview
        onTapped: panel.session.openPanel("overview")
    }
}
