pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Everything a visitor can do, in one bar low on the screen, where a visitor in a
// wheelchair reaches it whatever the screen's height (Main keeps it inside the reach
// band): going back and on, the filters, the overview, the reading aids, the language.
// Landscape: one row. Portrait: the filters above, the rest below.
Rectangle {
    id: bar
    required property VisitorSession session
    readonly property bool landscape: Theme.landscape
    readonly property real margin: Theme.size(2, Theme.gapFloor)
    readonly property real gap: Theme.gap
    readonly property bool canMove: session.count > 1

    color: Theme.background
    implicitHeight: landscape ? Theme.touchSize + 2 * margin : 2 * Theme.touchSize + gap + 2 * margin

    Rectangle {  // where the bar meets the portrait
        width: parent.width
        height: Math.max(1, Theme.lineWidth)
        color: Theme.quietLine
    }

    PillButton {
        id: previous
        objectName: "previousButton"
        x: bar.margin
        y: bar.height - bar.margin - height
        implicitWidth: Theme.touchSize * 1.25
        text: "‹"
        glyph: true
        available: bar.canMove
        spokenName: bar.session.labels.previous
        onTapped: bar.session.previous()
    }
    PillButton {
        id: next
        objectName: "nextButton"
        x: bar.width - bar.margin - width
        y: previous.y
        implicitWidth: Theme.touchSize * 1.25
        text: "›"
        glyph: true
        available: bar.canMove
        spokenName: bar.session.labels.next
        onTapped: bar.session.next()
    }

    Row {
        id: filters
        readonly property real room: bar.landscape ? aids.x - previous.width - 3 * bar.gap - bar.margin
                                                   : bar.width - 2 * bar.margin
        // Each shortened to a third of the room only when together they do not fit.
        readonly property real natural: origin.naturalWidth + profession.naturalWidth
                                        + (clear.visible ? clear.naturalWidth + bar.gap : 0)
                                        + (overview.visible ? overview.naturalWidth + bar.gap : 0) + bar.gap
        readonly property real most: natural > room ? room / 3 : room
        x: bar.landscape ? previous.x + previous.width + bar.gap * 2 : bar.margin
        y: bar.margin
        spacing: bar.gap

        PillButton {
            id: origin
            objectName: "originButton"
            maximumWidth: filters.most
            text: bar.session.originLabel !== "" ? bar.session.originLabel : bar.session.labels.origin
            active: bar.session.originLabel !== ""
            onTapped: bar.session.openPanel("origin")
        }
        PillButton {
            id: profession
            objectName: "professionButton"
            maximumWidth: filters.most
            text: bar.session.professionLabel !== "" ? bar.session.professionLabel : bar.session.labels.profession
            active: bar.session.professionLabel !== ""
            onTapped: bar.session.openPanel("profession")
        }
        PillButton {
            id: clear
            objectName: "clearButton"
            visible: bar.session.filtered
            text: "×  " + bar.session.labels.all
            onTapped: bar.session.clearFilters()
        }
        PillButton {
            id: overview
            objectName: "overviewButton"
            visible: !bar.session.filtered || bar.landscape
            maximumWidth: filters.most
            text: bar.session.labels.overview
            onTapped: bar.session.openPanel("overview")
        }
    }

    // The reading aids, then the languages: on the right of the one row, or between
    // the arrows of the lower row.
    Row {
        id: aids
        x: bar.landscape ? next.x - width - bar.gap * 2 : (bar.width - width) / 2
        y: previous.y
        spacing: bar.gap

        PillButton {
            objectName: "largeTextButton"
            implicitWidth: Theme.touchSize * 1.25
            text: "A+"
            active: bar.session.largeText
            spokenName: bar.session.labels.largeText
            onTapped: bar.session.toggleLargeText()
        }
        PillButton {
            objectName: "contrastButton"
            implicitWidth: Theme.touchSize * 1.25
            text: "🌓"
            glyph: true
            active: bar.session.highContrast
            spokenName: bar.session.labels.highContrast
            onTapped: bar.session.toggleHighContrast()
        }
        Item { width: bar.gap; height: 1 }
        Repeater {
            objectName: "languageSwitch"
            model: bar.session.languages
            PillButton {
                required property string modelData
                objectName: "language_" + modelData
                implicitWidth: Theme.touchSize * 1.25
                text: modelData.toUpperCase()
                active: bar.session.language === modelData
                onTapped: bar.session.setLanguage(modelData)
            }
        }
    }
}
